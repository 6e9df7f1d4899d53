package dev.hourglass.engine.kernel;

/**
 * Fused optimizer updates over [from, to). Each folds the weight-decay gradient in first:
 * g' = g + decay2 · w (decay2 = 2λ for weights, 0 for biases). Only IEEE-exact operations
 * (no fma), so scalar and SIMD results agree bit for bit.
 */
interface UpdateKernel {

    /** w −= lr · g'. */
    void sgd(float[] w, float[] g, float lr, float decay2, int from, int to);

    /** buf = μ·buf + g'; w −= lr · buf (PyTorch SGD with momentum, no dampening). */
    void momentum(float[] w, float[] g, float[] buf, float lr, float mu, float decay2, int from, int to);

    /**
     * PyTorch Adam: m = β1·m + (1−β1)·g'; v = β2·v + (1−β2)·g'²;
     * w += negStepSize · m / (√v / bc2Sqrt + ε), with negStepSize = −lr / (1 − β1^t), bc2Sqrt = √(1 − β2^t).
     */
    void adam(float[] w, float[] g, float[] m, float[] v, float negStepSize, float beta1, float beta2,
              float bc2Sqrt, float eps, float decay2, int from, int to);
}
