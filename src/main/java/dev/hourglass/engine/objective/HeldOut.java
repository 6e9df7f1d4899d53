package dev.hourglass.engine.objective;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;

/**
 * The rows an epoch is evaluated on: the validation rows, or without them up to a few thousand
 * training rows; normalized, row-major, {@code columns} wide.
 */
public record HeldOut(ComputeContext ctx, float[] data, int columns, int[] rows) {

    /** The first min(max, rows) of these rows, gathered into one array. */
    public float[] gather(int max) {
        int count = Math.min(max, rows.length);
        float[] out = new float[count * columns];
        Kernels.gatherRows(data, columns, rows, 0, count, out);
        return out;
    }
}
