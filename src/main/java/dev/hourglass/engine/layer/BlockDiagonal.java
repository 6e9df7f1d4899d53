package dev.hourglass.engine.layer;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Transpose;

/**
 * The blocks of a block-diagonal {@link Dense} layer and its products block by block, so that the
 * layer costs the arithmetic of its blocks, not of the whole (in, out) matrix: block b maps input
 * columns [inOffset_b, +inWidth_b) to output columns [outOffset_b, +outWidth_b) through the part of
 * W(in, out) they delimit; W is stored whole, 0 outside the blocks. Each product packs its block's
 * operands into per-thread buffers (grown to the largest batch seen, so training allocates nothing
 * per step and concurrent inference calls do not share them), runs the GEMM kernel on them and
 * scatters the result. A single inference call ({@code once}) uses buffers of its own instead, so that request
 * threads keep nothing.
 */
final class BlockDiagonal {

    private final int in;
    private final int out;
    private final int[] inOffset;
    private final int[] inWidth;
    private final int[] outOffset;
    private final int[] outWidth;
    private final ThreadLocal<Buffers> buffers;

    /**
     * Per block: its packed weight, its columns of x, its product; for backward also its columns of dz, its weight
     * gradient and its input gradient (allocated on the first backward: inference never needs them).
     */
    private final class Buffers {
        final float[][] w = new float[inWidth.length][];
        final float[][] x = new float[inWidth.length][];
        final float[][] y = new float[inWidth.length][];
        float[][] dw;
        float[][] d;
        float[][] dx;
        int rows = -1;
        int backwardRows = -1;

        Buffers() {
            for (int b = 0; b < inWidth.length; b++) {
                w[b] = new float[inWidth[b] * outWidth[b]];
            }
        }

        Buffers rows(int m) {
            if (m > rows) {
                for (int b = 0; b < inWidth.length; b++) {
                    x[b] = new float[m * inWidth[b]];
                    y[b] = new float[m * outWidth[b]];
                }
                rows = m;
            }
            return this;
        }

        Buffers backwardRows(int m) {
            rows(m);
            if (dw == null) {
                dw = new float[inWidth.length][];
                d = new float[inWidth.length][];
                dx = new float[inWidth.length][];
                for (int b = 0; b < inWidth.length; b++) {
                    dw[b] = new float[inWidth[b] * outWidth[b]];
                }
            }
            if (m > backwardRows) {
                for (int b = 0; b < inWidth.length; b++) {
                    d[b] = new float[m * outWidth[b]];
                    dx[b] = new float[m * inWidth[b]];
                }
                backwardRows = m;
            }
            return this;
        }
    }

    BlockDiagonal(int in, int out, int[] inBlocks, int[] outBlocks) {
        this.in = in;
        this.out = out;
        this.inWidth = inBlocks.clone();
        this.outWidth = outBlocks.clone();
        this.inOffset = offsets(inBlocks);
        this.outOffset = offsets(outBlocks);
        this.buffers = ThreadLocal.withInitial(Buffers::new);
    }

    private static int[] offsets(int[] widths) {
        int[] o = new int[widths.length];
        for (int b = 1; b < widths.length; b++) {
            o[b] = o[b - 1] + widths[b - 1];
        }
        return o;
    }

    int count() {
        return inWidth.length;
    }

    /** 1 inside the blocks of W(in, out), 0 outside. */
    float[] mask() {
        float[] mask = new float[in * out];
        for (int b = 0; b < count(); b++) {
            for (int i = inOffset[b]; i < inOffset[b] + inWidth[b]; i++) {
                java.util.Arrays.fill(mask, i * out + outOffset[b], i * out + outOffset[b] + outWidth[b], 1f);
            }
        }
        return mask;
    }

    /** Input width of the block that input column {@code i} belongs to. */
    int inWidthOf(int i) {
        for (int b = count() - 1; b >= 0; b--) {
            if (i >= inOffset[b]) {
                return inWidth[b];
            }
        }
        throw new IllegalArgumentException("input column " + i);
    }

    /**
     * y(m, out) = x(m, in) · W, block by block (no bias, no activation); with {@code once}, in buffers of its own
     * (an inference call), else in the thread's (training, step after step).
     */
    void forward(ComputeContext ctx, float[] weight, float[] x, int m, float[] y, boolean once) {
        Buffers s = (once ? new Buffers() : buffers.get()).rows(m);
        for (int b = 0; b < count(); b++) {
            packWeight(weight, b, s.w[b]);
            columns(x, m, in, inOffset[b], inWidth[b], s.x[b]);
            Kernels.gemm(ctx, Transpose.NN, m, outWidth[b], inWidth[b], s.x[b], s.w[b], s.y[b], false);
            scatter(s.y[b], m, outWidth[b], y, out, outOffset[b], false);
        }
    }

    /**
     * The weight gradient's blocks (set, or added when {@code accumulate}) from x(m, in) and dz(m, out), and
     * unless {@code dx} is null, dx(m, in) = dz · Wᵀ block by block (before any activation derivative).
     */
    void backward(ComputeContext ctx, float[] weight, float[] weightGrad, boolean accumulate, float[] x, float[] dz,
                  int m, float[] dx) {
        Buffers s = buffers.get().backwardRows(m);
        for (int b = 0; b < count(); b++) {
            columns(x, m, in, inOffset[b], inWidth[b], s.x[b]);
            columns(dz, m, out, outOffset[b], outWidth[b], s.d[b]);
            Kernels.gemm(ctx, Transpose.TN, inWidth[b], outWidth[b], m, s.x[b], s.d[b], s.dw[b], false);
            unpackWeight(s.dw[b], b, weightGrad, accumulate);
            if (dx != null) {
                packWeight(weight, b, s.w[b]);
                Kernels.gemm(ctx, Transpose.NT, m, inWidth[b], outWidth[b], s.d[b], s.w[b], s.dx[b], false);
                scatter(s.dx[b], m, inWidth[b], dx, in, inOffset[b], false);
            }
        }
    }

    /** Block b of W(in, out) into w(inWidth_b, outWidth_b). */
    private void packWeight(float[] weight, int b, float[] w) {
        for (int i = 0; i < inWidth[b]; i++) {
            System.arraycopy(weight, (inOffset[b] + i) * out + outOffset[b], w, i * outWidth[b], outWidth[b]);
        }
    }

    private void unpackWeight(float[] w, int b, float[] weight, boolean accumulate) {
        for (int i = 0; i < inWidth[b]; i++) {
            int to = (inOffset[b] + i) * out + outOffset[b];
            if (accumulate) {
                for (int o = 0; o < outWidth[b]; o++) {
                    weight[to + o] += w[i * outWidth[b] + o];
                }
            } else {
                System.arraycopy(w, i * outWidth[b], weight, to, outWidth[b]);
            }
        }
    }

    /** Columns [from, from + width) of a(m, cols) into dst(m, width). */
    private static void columns(float[] a, int m, int cols, int from, int width, float[] dst) {
        for (int r = 0; r < m; r++) {
            System.arraycopy(a, r * cols + from, dst, r * width, width);
        }
    }

    /** src(m, width) into columns [from, from + width) of a(m, cols). */
    private static void scatter(float[] src, int m, int width, float[] a, int cols, int from, boolean accumulate) {
        for (int r = 0; r < m; r++) {
            System.arraycopy(src, r * width, a, r * cols + from, width);
        }
    }
}
