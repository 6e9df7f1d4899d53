package dev.hourglass.dataset.internal;

/**
 * Per-column minimum, maximum, mean and <b>population</b> standard deviation of a row-major matrix:
 * {@code std_j = sqrt( (1/n) Σ_i (x_ij − mean_j)² )}, dividing by {@code n}, not {@code n − 1}, because
 * it describes the stored rows themselves (and is what a z-score normalizer fitted on them uses).
 * Two passes in double precision (mean, then squared deviations) avoid the cancellation of Σx² − n·mean².
 */
public record ColumnStatistics(double[] min, double[] max, double[] mean, double[] std) {

    public static ColumnStatistics of(float[] features, int rows, int columns) {
        return of(java.nio.FloatBuffer.wrap(features), rows, columns);
    }

    /** {@code features.get(r * columns + c)} is row {@code r}, column {@code c}. */
    public static ColumnStatistics of(java.nio.FloatBuffer features, int rows, int columns) {
        if (rows < 1) {
            throw new IllegalArgumentException("statistics need at least one row");
        }
        double[] min = new double[columns];
        double[] max = new double[columns];
        double[] sum = new double[columns];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r = 0, o = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++, o++) {
                double x = features.get(o);
                sum[c] += x;
                if (x < min[c]) min[c] = x;
                if (x > max[c]) max[c] = x;
            }
        }
        double[] mean = new double[columns];
        for (int c = 0; c < columns; c++) {
            mean[c] = sum[c] / rows;
        }
        double[] squares = new double[columns];
        for (int r = 0, o = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++, o++) {
                double d = features.get(o) - mean[c];
                squares[c] += d * d;
            }
        }
        double[] std = new double[columns];
        for (int c = 0; c < columns; c++) {
            std[c] = Math.sqrt(squares[c] / rows);
        }
        return new ColumnStatistics(min, max, mean, std);
    }
}
