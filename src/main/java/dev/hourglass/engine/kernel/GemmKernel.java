package dev.hourglass.engine.kernel;

/**
 * One implementation of GEMM. Every element of c is computed as a chain of fused multiply-adds
 * over k in increasing order, starting from c (accumulate) or from +0; so every implementation,
 * tiling and thread split gives bit-identical results.
 */
interface GemmKernel {

    /** Columns of c per packed panel; thread splits by columns use multiples of it. */
    int panelWidth();

    /** Rows of c per register tile; thread splits by rows use multiples of it. */
    int rowTile();

    /** The shapes this kernel chose for this machine, for the engine's start-up line and the benchmarks. */
    String plan();

    /** Floats of per-thread scratch (pack buffers) the kernel needs. */
    int scratchSize();

    /** c(rowFrom:rowTo, colFrom:colTo) (+)= [op(a) · op(b)] restricted to that block. */
    void gemm(Transpose op, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate,
              int rowFrom, int rowTo, int colFrom, int colTo, float[] scratch);
}
