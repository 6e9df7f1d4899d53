package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Anomaly scoring of a trained model: after training, the held-out rows are scored and the threshold
 * is set so that a share {@code contamination} of them lies above it.
 *
 * @param contamination the expected share of anomalies, in (0, 0.5]
 * @param score         how a row is scored
 */
public record Anomaly(double contamination, AnomalyScore score) {

    public static final double DEFAULT_CONTAMINATION = 0.01;

    /** Everything wrong with this block, by field ("contamination", "score"). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (!(contamination > 0 && contamination <= 0.5)) {
            p.add(new Problem("contamination", "must be in (0, 0.5], got " + contamination));
        }
        if (score == null) {
            p.add(new Problem("score", "is required"));
        }
        return p;
    }
}
