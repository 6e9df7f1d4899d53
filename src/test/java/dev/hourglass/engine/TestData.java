package dev.hourglass.engine;

import java.util.SplittableRandom;

/** Seeded random arrays for tests. */
public final class TestData {

    private TestData() {
    }

    /** Uniform in [lo, hi). */
    public static float[] uniform(long seed, int length, float lo, float hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = lo + (hi - lo) * (float) r.nextDouble();
        }
        return x;
    }

    public static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** Asserts |actual − expected| ≤ atol + rtol·|expected| element-wise, naming the first offender. */
    public static void assertClose(double[] expected, double[] actual, double atol, double rtol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": length " + actual.length + " != " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
                        + " (tolerance " + tol + ")");
            }
        }
    }

    public static void assertClose(float[] expected, float[] actual, double atol, double rtol, String what) {
        assertClose(toDouble(expected), toDouble(actual), atol, rtol, what);
    }
}
