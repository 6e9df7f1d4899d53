package dev.hourglass.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.hourglass.engine.spec.Variant;
import io.swagger.v3.oas.annotations.media.Schema;

/** What a client sees of a job (DESIGN.md §3). */
public record JobView(
        UUID id, String name, JobStatus status, Variant variant, UUID datasetId,
        @Schema(nullable = true) UUID modelId,
        int epoch, int epochs,
        @Schema(nullable = true) String phase,
        @Schema(description = "0..1") double progress,
        @Schema(nullable = true) Double lastLoss,
        @Schema(nullable = true) Double etaSeconds,
        @Schema(nullable = true) String error,
        List<String> warnings,
        Instant createdAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(description = "How many times a worker has started this job (more than 1 after a resume)") int attempt,
        @Schema(nullable = true, description = "The checkpoint epoch the current attempt resumed from") Integer resumedFromEpoch,
        @Schema(nullable = true, description = "Why training ended before its last epoch (early stopping, max runtime)") String stopReason,
        @Schema(nullable = true, description = "The node that runs or ran the job") String node,
        TrainingSpec spec) {
}
