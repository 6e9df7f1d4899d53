package dev.hourglass.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.hourglass.engine.spec.Variant;
import io.swagger.v3.oas.annotations.media.Schema;

/** What a client sees of a job (DESIGN.md §3). */
public record JobView(
        UUID id, String name,
        @Schema(description = "TRAINING: trains a model from spec; TRANSFORM: runs datasetId through modelId into "
                + "resultDatasetId") JobKind kind,
        JobStatus status,
        @Schema(description = "The variant trained, or the variant of the model a transform runs") Variant variant,
        @Schema(description = "The dataset trained on, or transformed") UUID datasetId,
        @Schema(nullable = true, description = "The model a training job published, or the model a transform runs")
        UUID modelId,
        @Schema(nullable = true, description = "The dataset a transform produced") UUID resultDatasetId,
        @Schema(description = "Epochs done over every phase; for a transform, chunks of rows done") int epoch,
        @Schema(description = "Epochs of every phase; for a transform, its chunks") int epochs,
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
        @Schema(nullable = true, description = "A training job's defaulted spec") TrainingSpec spec,
        @Schema(nullable = true, description = "A transform job's request") TransformSpec transform) {
}
