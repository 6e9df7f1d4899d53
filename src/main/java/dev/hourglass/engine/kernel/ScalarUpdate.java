package dev.hourglass.engine.kernel;

/** Reference optimizer updates. */
final class ScalarUpdate implements UpdateKernel {

    @Override
    public void sgd(float[] w, float[] g, float lr, float decay2, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i] + decay2 * w[i];
            w[i] = w[i] - lr * gi;
        }
    }

    @Override
    public void momentum(float[] w, float[] g, float[] buf, float lr, float mu, float decay2, int from, int to) {
        for (int i = from; i < to; i++) {
            float gi = g[i] + decay2 * w[i];
            float b = mu * buf[i] + gi;
            buf[i] = b;
            w[i] = w[i] - lr * b;
        }
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, float negStepSize, float beta1, float beta2,
                     float bc2Sqrt, float eps, float decay2, int from, int to) {
        float c1 = 1f - beta1;
        float c2 = 1f - beta2;
        for (int i = from; i < to; i++) {
            float gi = g[i] + decay2 * w[i];
            float mi = beta1 * m[i] + c1 * gi;
            float vi = beta2 * v[i] + c2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            float denom = (float) Math.sqrt(vi) / bc2Sqrt + eps;
            w[i] = w[i] + negStepSize * (mi / denom);
        }
    }
}
