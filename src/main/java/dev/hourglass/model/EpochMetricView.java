package dev.hourglass.model;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** One row of a model's training history. */
public record EpochMetricView(String phase, int epoch, double trainLoss,
        @Schema(nullable = true, description = "absent when the job held out no validation rows") Double validationLoss,
        @Schema(description = "every loss term, averaged over the epoch's training batches") Map<String, Double> terms,
        double seconds, double samplesPerSecond, Instant recordedAt) {
}
