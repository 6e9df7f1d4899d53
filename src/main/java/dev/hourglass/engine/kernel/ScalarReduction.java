package dev.hourglass.engine.kernel;

import java.util.Arrays;

/** Reference reductions. */
final class ScalarReduction implements ReductionKernel {

    @Override
    public void columnSums(float[] x, int m, int n, float[] s, boolean accumulate, int colFrom, int colTo) {
        if (!accumulate) {
            Arrays.fill(s, colFrom, colTo, 0f);
        }
        for (int i = 0; i < m; i++) {
            for (int j = colFrom, o = i * n + colFrom; j < colTo; j++, o++) {
                s[j] += x[o];
            }
        }
    }

    @Override
    public double squaredError(float[] y, float[] t, float[] d, float scale, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            float e = y[i] - t[i];
            d[i] = scale * e;
            sum += e * e;
        }
        return sum;
    }

    /** σ(z) from e = e^−|z|: 1/(1+e) for z ≥ 0, e/(1+e) otherwise (never overflows). */
    static float sigmoidFromExp(float z, float e) {
        return z >= 0f ? 1f / (1f + e) : e / (1f + e);
    }

    @Override
    public double binaryCrossEntropyWithLogits(float[] z, float[] t, float[] d, float scale, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            float zi = z[i];
            float e = ScalarMath.exp(-Math.abs(zi));
            sum += Math.max(zi, 0f) - zi * t[i] + ScalarMath.log1pUnit(e);
            d[i] = scale * (sigmoidFromExp(zi, e) - t[i]);
        }
        return sum;
    }

    @Override
    public double sumOfSquares(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += x[i] * x[i];
        }
        return sum;
    }
}
