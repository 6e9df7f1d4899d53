package dev.hourglass.engine.kernel;

import dev.hourglass.engine.random.SplitMix64;

/** Reference penalty kernels: the formulas of {@link Penalties}, one element at a time. */
final class ScalarPenalty implements PenaltyKernel {

    /** ∂f'/∂z written through y = f(z): sigmoid f'(1 − 2y), tanh −2y f', piecewise-linear 0. */
    static float secondDerivative(Nonlinearity f, float y) {
        return switch (f) {
            case SIGMOID -> y * (1f - y) * (1f - 2f * y);
            case TANH -> -2f * y * (1f - y * y);
            default -> 0f;
        };
    }

    @Override
    public void tangentForward(float[] y, float[] s, float[] u, Nonlinearity f, int from, int to) {
        for (int i = from; i < to; i++) {
            u[i] = ScalarPointwise.derivative(f, y[i]) * s[i];
        }
    }

    @Override
    public void tangentBackward(float[] y, float[] s, float[] ubar, Nonlinearity f, float[] sbar, float[] zbar,
                                int from, int to) {
        for (int i = from; i < to; i++) {
            sbar[i] = ubar[i] * ScalarPointwise.derivative(f, y[i]);
            zbar[i] = ubar[i] * s[i] * secondDerivative(f, y[i]);
        }
    }

    @Override
    public void contractiveRows(float[] h, int k, Nonlinearity f, float[] c, float scale, float[] zbar, float[] dsq,
                                int rowFrom, int rowTo) {
        for (int i = rowFrom; i < rowTo; i++) {
            for (int l = 0, o = i * k; l < k; l++, o++) {
                float d = ScalarPointwise.derivative(f, h[o]);
                dsq[l] += d * d;
                zbar[o] = scale * 2f * d * secondDerivative(f, h[o]) * c[l];
            }
        }
    }

    @Override
    public void signs(long bits, float[] out, int offset, int count) {
        for (int j = 0; j < count; j++) {
            out[offset + j] = (bits & 1L) != 0 ? 1f : -1f;
            bits >>>= 1;
        }
    }

    @Override
    public long maskingNoise(float[] x, float[] out, int count, long threshold, long state) {
        long bits = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 1) == 0) {
                bits = SplitMix64.mix(state += SplitMix64.GAMMA);
            }
            out[i] = (bits & 0xFFFF_FFFFL) < threshold ? 0f : x[i];
            bits >>>= 32;
        }
        return state;
    }

    @Override
    public void reparameterizeRow(float[] head, int ho, int k, float[] eps, float[] z, int zo) {
        for (int l = 0; l < k; l++) {
            z[zo + l] = head[ho + l] + ScalarMath.exp(0.5f * head[ho + k + l]) * eps[zo + l];
        }
    }

    @Override
    public void variationalHeadBackwardRow(float[] head, int ho, int k, float[] eps, float[] dz, int zo, int stride,
                                           int samples, float klScale, float[] dhead) {
        for (int l = 0; l < k; l++) {
            float mu = head[ho + l];
            float lv = head[ho + k + l];
            float sigma = ScalarMath.exp(0.5f * lv);
            float dmu = klScale * mu;
            float dlv = klScale * 0.5f * (sigma * sigma - 1f);
            for (int s = 0; s < samples; s++) {
                int o = zo + s * stride + l;
                dmu += dz[o];
                dlv += dz[o] * eps[o] * 0.5f * sigma;
            }
            dhead[ho + l] = dmu;
            dhead[ho + k + l] = dlv;
        }
    }
}
