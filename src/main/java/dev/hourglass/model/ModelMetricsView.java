package dev.hourglass.model;

import java.util.List;
import java.util.UUID;

/** Per-epoch history of the job that trained a model. */
public record ModelMetricsView(UUID modelId, UUID jobId, List<EpochMetricView> epochs) {
}
