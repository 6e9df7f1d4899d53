package dev.hourglass.engine.objective;

/** Each metric of an objective summed over an epoch's batches (value × rows), and the rows counted. */
public final class EpochSums {

    private final Objective objective;
    private final double[] sums;
    private int rows;

    EpochSums(Objective objective) {
        this.objective = objective;
        this.sums = new double[objective.metricCount()];
    }

    /** Adds a batch of {@code m} rows whose per-row metric values are {@code values}. */
    public void add(double[] values, int m) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += values[i] * m;
        }
        rows += m;
    }

    public int rows() {
        return rows;
    }

    /** The metric {@code name} summed over rows. */
    public double sum(String name) {
        return sums[objective.metricIndex(name)];
    }

    /** The metric {@code name}, mean per row. */
    public double mean(String name) {
        return sum(name) / rows;
    }
}
