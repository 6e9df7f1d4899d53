package dev.hourglass.engine.anomaly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Problem;

/**
 * A model's anomaly threshold and the scores it was set on. After training, the held-out rows are
 * scored; the threshold is their {@code 1 − contamination} quantile and the quantiles are taken over
 * all of them; the sorted scores are kept (at most {@link #MAX_SCORES}, evenly subsampled) for
 * p-values and for other contaminations.
 *
 * <p>Quantiles interpolate linearly between order statistics (Hyndman and Fan's type 7, NumPy's
 * default): q of sorted s_0 … s_(n−1) is s_⌊h⌋ + (h − ⌊h⌋)(s_⌊h⌋+1 − s_⌊h⌋), h = (n − 1)q. A row's
 * p-value is split-conformal: (1 + #{calibration scores ≥ its score}) / (n + 1).
 *
 * @param score         how rows are scored
 * @param contamination the share of held-out rows above the threshold
 * @param threshold     rows scoring above it are anomalies
 * @param rows          held-out rows scored
 * @param quantiles     p50, p90, p99 and p99.9 of their scores
 * @param sortedScores  their scores, ascending, subsampled to at most {@link #MAX_SCORES}
 */
public record Calibration(AnomalyScore score, double contamination, double threshold, int rows, Quantiles quantiles,
                          double[] sortedScores) {

    /** Calibration scores kept with a model. */
    public static final int MAX_SCORES = 10_000;

    public record Quantiles(double p50, double p90, double p99, double p999) {
    }

    public Calibration {
        sortedScores = sortedScores.clone();
    }

    @Override
    public double[] sortedScores() {
        return sortedScores.clone();
    }

    /** The calibration of these held-out scores. */
    public static Calibration of(double[] scores, AnomalyScore score, double contamination) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no held-out rows to calibrate on");
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        Quantiles q = new Quantiles(quantile(sorted, 0.5), quantile(sorted, 0.9), quantile(sorted, 0.99),
                quantile(sorted, 0.999));
        return new Calibration(score, contamination, quantile(sorted, 1 - contamination), sorted.length, q,
                subsample(sorted));
    }

    /**
     * What is wrong with a calibration read from outside (an imported model file) for a network of {@code arch}:
     * empty when it is one {@link #of} could have computed.
     */
    public List<Problem> problems(ArchitectureSpec arch) {
        List<Problem> problems = new ArrayList<>();
        if (score == AnomalyScore.LOG_PROBABILITY && arch.variational() == null) {
            problems.add(new Problem("score", "LOG_PROBABILITY needs a variational network"));
        }
        if (!(contamination > 0 && contamination <= 0.5)) {
            problems.add(new Problem("contamination", "must be in (0, 0.5]"));
        }
        if (!Double.isFinite(threshold) || !Double.isFinite(quantiles.p50()) || !Double.isFinite(quantiles.p90())
                || !Double.isFinite(quantiles.p99()) || !Double.isFinite(quantiles.p999())) {
            problems.add(new Problem("threshold", "the threshold and quantiles must be finite"));
        }
        int n = sortedScores.length;
        if (n < 1 || n > MAX_SCORES || rows < n) {
            problems.add(new Problem("sortedScores", n + " scores of " + rows + " rows (1 to " + MAX_SCORES
                    + ", at most the rows)"));
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(sortedScores[i]) || (i > 0 && sortedScores[i] < sortedScores[i - 1])) {
                problems.add(new Problem("sortedScores", "must be finite and ascending (index " + i + ")"));
                break;
            }
        }
        return problems;
    }

    /** The threshold for another contamination, from the kept scores. */
    public double thresholdAt(double contamination) {
        return quantile(sortedScores, 1 - contamination);
    }

    /** (1 + #{kept scores ≥ s}) / (n + 1). */
    public double pValue(double s) {
        int n = sortedScores.length;
        int lo = 0;
        int hi = n;
        while (lo < hi) {                        // first index whose score is ≥ s
            int mid = (lo + hi) >>> 1;
            if (sortedScores[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (1.0 + (n - lo)) / (n + 1.0);
    }

    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** At most {@link #MAX_SCORES} of the sorted scores, evenly spaced, the smallest and largest included. */
    private static double[] subsample(double[] sorted) {
        if (sorted.length <= MAX_SCORES) {
            return sorted;
        }
        double[] kept = new double[MAX_SCORES];
        for (int i = 0; i < MAX_SCORES; i++) {
            kept[i] = sorted[(int) Math.round(i * (sorted.length - 1.0) / (MAX_SCORES - 1))];
        }
        return kept;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && score == c.score && contamination == c.contamination
                && threshold == c.threshold && rows == c.rows && quantiles.equals(c.quantiles)
                && Arrays.equals(sortedScores, c.sortedScores);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(score, contamination, threshold, rows, quantiles) + Arrays.hashCode(sortedScores);
    }
}
