package dev.hourglass.engine.kernel;

/** Reductions and loss kernels. Ranges are half-open. Sums of many terms are returned in double. */
interface ReductionKernel {

    /** s(j) (+)= Σ_i x(i, j) over all m rows, for columns [colFrom, colTo) of x(m, n); rows added in order. */
    void columnSums(float[] x, int m, int n, float[] s, boolean accumulate, int colFrom, int colTo);

    /** d[i] = scale · (y[i] − t[i]); returns Σ (y[i] − t[i])². */
    double squaredError(float[] y, float[] t, float[] d, float scale, int from, int to);

    /**
     * Binary cross-entropy from logits z against targets t:
     * ℓ = max(z, 0) − z·t + log(1 + e^−|z|); d[i] = scale · (σ(z) − t). Returns Σ ℓ.
     */
    double binaryCrossEntropyWithLogits(float[] z, float[] t, float[] d, float scale, int from, int to);

    /** Σ x[i]². */
    double sumOfSquares(float[] x, int from, int to);
}
