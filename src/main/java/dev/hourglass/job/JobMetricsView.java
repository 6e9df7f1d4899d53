package dev.hourglass.job;

import java.util.List;
import java.util.UUID;

import dev.hourglass.model.EpochMetricView;
import io.swagger.v3.oas.annotations.media.Schema;

/** A job's per-epoch history so far: the rows {@code GET /models/{id}/metrics} shows for the model it trains. */
@Schema(description = "A job's per-epoch history so far, one row per epoch and phase in the order they ended")
public record JobMetricsView(UUID jobId,
        @Schema(description = "Empty before the first epoch ends, and for a transform job") List<EpochMetricView> epochs) {
}
