package dev.hourglass.model;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.spec.AnomalyScore;
import io.swagger.v3.oas.annotations.media.Schema;

/** A model's anomaly calibration as clients see it (DESIGN.md §8.3). */
@Schema(description = "Anomaly calibration: the held-out rows scored after training and the threshold set on them")
public record AnomalyView(
        @Schema(description = "How rows are scored", example = "MSE") AnomalyScore scoreType,
        @Schema(description = "Rows scoring above it are anomalies", example = "0.031") double threshold,
        @Schema(description = "The share of calibration rows above the threshold", example = "0.01") double contamination,
        @Schema(description = "Held-out rows scored", example = "6000") int calibrationRows,
        @Schema(description = "Quantiles of their scores: p50, p90, p99, p99.9") Map<String, Double> quantiles) {

    static AnomalyView of(Calibration c) {
        Map<String, Double> q = new LinkedHashMap<>();
        q.put("p50", c.quantiles().p50());
        q.put("p90", c.quantiles().p90());
        q.put("p99", c.quantiles().p99());
        q.put("p99.9", c.quantiles().p999());
        return new AnomalyView(c.score(), c.threshold(), c.contamination(), c.rows(), q);
    }
}
