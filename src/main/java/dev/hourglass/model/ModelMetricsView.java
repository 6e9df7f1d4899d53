package dev.hourglass.model;

import java.util.List;
import java.util.UUID;

/** Per-epoch history of the job that trained a model. */
public record ModelMetricsView(UUID modelId,
        @io.swagger.v3.oas.annotations.media.Schema(nullable = true, description = "absent for an imported model") UUID jobId,
        List<EpochMetricView> epochs) {
}
