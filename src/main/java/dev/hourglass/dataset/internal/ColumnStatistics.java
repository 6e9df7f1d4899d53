package dev.hourglass.dataset.internal;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Per-column minimum, maximum, mean and <b>population</b> standard deviation of a row-major matrix:
 * {@code std_j = sqrt( (1/n_j) Σ_i (x_ij − mean_j)² )}, dividing by {@code n_j}, not {@code n_j − 1}, because
 * it describes the stored rows themselves (and is what a z-score normalizer fitted on them uses).
 * Two passes in double precision (mean, then squared deviations) avoid the cancellation of Σx² − n·mean².
 *
 * <p>In a typed table, {@code n_j} counts the observed cells of column j only: missing cells (a bit in the mask,
 * as {@link ParsedDataset#missing()} describes) enter no sum. {@code missing[j]} counts them, and for a
 * categorical column {@code levelCounts[j][code]} counts each level's cells (null for a numeric column); the
 * moments of a categorical column are those of its codes, which mean nothing.
 */
public record ColumnStatistics(double[] min, double[] max, double[] mean, double[] std, long[] missing,
        long[][] levelCounts) {

    public static ColumnStatistics of(float[] features, int rows, int columns) {
        return of(FloatBuffer.wrap(features), rows, columns, null, null);
    }

    /**
     * {@code features.get(r * columns + c)} is row {@code r}, column {@code c}; {@code mask} and {@code levels}
     * (each may be null) are those of {@link ParsedDataset}.
     */
    public static ColumnStatistics of(FloatBuffer features, int rows, int columns, byte[] mask,
            List<List<String>> levels) {
        if (rows < 1) {
            throw new IllegalArgumentException("statistics need at least one row");
        }
        double[] min = new double[columns];
        double[] max = new double[columns];
        double[] sum = new double[columns];
        long[] missing = new long[columns];
        long[][] levelCounts = new long[columns][];
        for (int c = 0; levels != null && c < columns; c++) {
            levelCounts[c] = levels.get(c) == null ? null : new long[levels.get(c).size()];
        }
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r = 0, o = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++, o++) {
                if (isMissing(mask, o)) {
                    missing[c]++;
                    continue;
                }
                double x = features.get(o);
                sum[c] += x;
                if (x < min[c]) min[c] = x;
                if (x > max[c]) max[c] = x;
                if (levelCounts[c] != null) {
                    levelCounts[c][(int) x]++;
                }
            }
        }
        double[] mean = new double[columns];
        for (int c = 0; c < columns; c++) {
            mean[c] = sum[c] / (rows - missing[c]);
        }
        double[] squares = new double[columns];
        for (int r = 0, o = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++, o++) {
                if (!isMissing(mask, o)) {
                    double d = features.get(o) - mean[c];
                    squares[c] += d * d;
                }
            }
        }
        double[] std = new double[columns];
        for (int c = 0; c < columns; c++) {
            std[c] = Math.sqrt(squares[c] / (rows - missing[c]));
        }
        return new ColumnStatistics(min, max, mean, std, missing, levelCounts);
    }

    private static boolean isMissing(byte[] mask, int cell) {
        return mask != null && (mask[cell >>> 3] & (1 << (cell & 7))) != 0;
    }
}
