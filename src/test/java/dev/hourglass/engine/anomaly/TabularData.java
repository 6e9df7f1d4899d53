package dev.hourglass.engine.anomaly;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded tabular data set for anomaly tests: {@value #COLUMNS} numeric columns driven by three
 * latent factors, x = A·z + 0.1·ε with z, ε ~ N(0, 1) and a fixed mixing matrix A, so that every
 * column is predictable from the others and a shift in one column stands out.
 */
public final class TabularData {

    public static final int COLUMNS = 8;
    private static final double[][] MIXING = mixing();

    private TabularData() {
    }

    private static double[][] mixing() {
        SplittableRandom r = new SplittableRandom(2024);
        double[][] a = new double[COLUMNS][3];
        for (double[] row : a) {
            for (int f = 0; f < 3; f++) {
                row[f] = 2 * r.nextDouble() - 1;
            }
        }
        return a;
    }

    /** {@code rows} rows of the distribution, row-major, from {@code seed}. */
    public static float[] rows(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * COLUMNS];
        double[] z = new double[3];
        for (int i = 0; i < rows; i++) {
            for (int f = 0; f < 3; f++) {
                z[f] = gaussian(r);
            }
            for (int j = 0; j < COLUMNS; j++) {
                double v = 0.1 * gaussian(r);
                for (int f = 0; f < 3; f++) {
                    v += MIXING[j][f] * z[f];
                }
                x[i * COLUMNS + j] = (float) (5 + 2 * v);
            }
        }
        return x;
    }

    /** Row r of x(·, COLUMNS) as comma-separated numbers, with {@code shift} added to {@code column} (−1: none). */
    public static String text(float[] x, int r, int column, double shift) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < COLUMNS; c++) {
            s.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f",
                    x[r * COLUMNS + c] + (c == column ? shift : 0)));
        }
        return s.toString();
    }

    /** Rows [from, from + count) of x(·, COLUMNS) as a JSON array of arrays, as a client would send them. */
    public static String json(float[] x, int from, int count) {
        StringBuilder s = new StringBuilder("[");
        for (int r = from; r < from + count; r++) {
            s.append(r == from ? "[" : ",[").append(text(x, r, -1, 0)).append(']');
        }
        return s.append(']').toString();
    }

    /** The population standard deviation of each column of x(rows, COLUMNS). */
    public static double[] columnSpread(float[] x, int rows) {
        double[] mean = new double[COLUMNS];
        double[] sq = new double[COLUMNS];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < COLUMNS; j++) {
                mean[j] += x[i * COLUMNS + j] / (double) rows;
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < COLUMNS; j++) {
                double d = x[i * COLUMNS + j] - mean[j];
                sq[j] += d * d / rows;
            }
        }
        for (int j = 0; j < COLUMNS; j++) {
            sq[j] = Math.sqrt(sq[j]);
        }
        return sq;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);   // Box–Muller
    }
}
