package dev.hourglass.engine.train;

import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.random.SplitMix64;

/** Checks on a trained model that are not part of its objective. */
public final class Diagnostics {

    /**
     * A model that learned the data maps an input unlike any data towards the data, so its error on
     * random rows is about as large as that of ignoring the input and answering the data mean (or
     * larger). A model that learned the identity passes random rows through. It is flagged when its
     * random-row error is below this fraction of the data-mean baseline, i.e. when it reproduces more
     * than half of a random row's departure from the data.
     *
     * <p>Why not the ratio of random-row error to data error: measured on Fashion-MNIST (14×14,
     * 196 → 400/800 → 196, 10 epochs) that ratio is 11–24 for unregularized overcomplete models and
     * 2–5 for masking-noise denoisers, whose data error is high on clean rows; it ranks them the wrong
     * way round. Against the baseline the same models score 0.39–0.70 and 0.76–1.6.
     */
    public static final double COPY_FRACTION = 0.5;
    /** At most this many rows are scored, data and random alike. */
    public static final int MAX_ROWS = 1000;

    private Diagnostics() {
    }

    /**
     * Reconstruction MSE on the first min(rows, {@link #MAX_ROWS}) data rows, and on as many rows
     * drawn uniformly (seeded), column by column, within the per-column range [min, max] of all data
     * rows; the baseline is the MSE of the column means of all data rows on those random rows.
     */
    public static IdentityCheck identityCheck(Autoencoder model, float[] data, int rows, long seed) {
        int n = model.inputDim();
        if (rows <= 0 || data.length < (long) rows * n) {
            throw new IllegalArgumentException("data must hold " + rows + " x " + n + " floats, got " + data.length);
        }
        float[] lo = new float[n];
        float[] hi = new float[n];
        ArrayOps.columnRange(data, rows, n, lo, hi);
        int count = Math.min(rows, MAX_ROWS);
        float[] sample = java.util.Arrays.copyOf(data, count * n);
        float[] random = new float[count * n];
        Draws.uniformRows(lo, hi, count, n, new SplitMix64(seed), random);

        float[] mean = new float[n];
        Kernels.columnSums(ComputeContext.serial(), data, rows, n, mean, false);
        ArrayOps.scale(mean, mean, n, 1f / rows);
        float[] means = new float[count * n];
        for (int i = 0; i < count; i++) {
            System.arraycopy(mean, 0, means, i * n, n);
        }
        double baseline = meanSquaredError(means, random);
        double dataError = meanSquaredError(model.reconstruct(sample, count), sample);
        double randomError = meanSquaredError(model.reconstruct(random, count), random);
        return new IdentityCheck(dataError, randomError, baseline, randomError < COPY_FRACTION * baseline);
    }

    private static double meanSquaredError(float[] output, float[] target) {
        return Kernels.squaredError(output, target, new float[output.length], output.length, 0f) / output.length;
    }
}
