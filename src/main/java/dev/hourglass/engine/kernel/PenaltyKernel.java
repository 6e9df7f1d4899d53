package dev.hourglass.engine.kernel;

/**
 * The element-wise parts of the penalties and of the reparameterization (see {@link Penalties} for the
 * math). Every element is computed with the same operations in the same order in both twins, so
 * the SIMD kernel matches the scalar one bit for bit. Ranges are half-open.
 */
interface PenaltyKernel {

    /** u[i] = f'(z_i) · s[i], written through y[i] = f(z_i), for i in [from, to). */
    void tangentForward(float[] y, float[] s, float[] u, Nonlinearity f, int from, int to);

    /** sbar[i] = ubar[i] · f'(z_i) and zbar[i] = ubar[i] · s[i] · f''(z_i), for i in [from, to). */
    void tangentBackward(float[] y, float[] s, float[] ubar, Nonlinearity f, float[] sbar, float[] zbar, int from,
                         int to);

    /**
     * One layer's closed-form contractive terms on rows [rowFrom, rowTo) of h(m, k) = f(z):
     * zbar(i, l) = scale · 2 · f' · f'' · c(l) and dsq(l) += f'(z_il)², rows in order.
     */
    void contractiveRows(float[] h, int k, Nonlinearity f, float[] c, float scale, float[] zbar, float[] dsq,
                         int rowFrom, int rowTo);

    /** out[offset + j] = +1 when bit j of {@code bits} is set, else −1, for j in [0, count), count ≤ 64. */
    void signs(long bits, float[] out, int offset, int count);

    /**
     * Masking noise from a SplitMix64 stream: out[i] = 0 when the 32-bit uniform u_i is below
     * {@code threshold} (0 ≤ threshold ≤ 2³²), else x[i], for i in [0, count); u_(2j) and u_(2j+1) are the
     * low and high halves of draw j = mix(state + (j + 1)·GAMMA). Returns the state after ⌈count/2⌉ draws.
     */
    long maskingNoise(float[] x, float[] out, int count, long threshold, long state);

    /** z(k) at zo = μ + exp(½ log σ²) ⊙ ε(k) at zo, with (μ | log σ²) at head[ho, ho + 2k). */
    void reparameterizeRow(float[] head, int ho, int k, float[] eps, float[] z, int zo);

    /**
     * One row of {@link Penalties#variationalHeadBackward}: dhead(2k) at ho from head(2k) at ho and the
     * {@code samples} replicas of dz and eps at rows {@code zo + s·stride}.
     */
    void variationalHeadBackwardRow(float[] head, int ho, int k, float[] eps, float[] dz, int zo, int stride,
                                    int samples, float klScale, float[] dhead);
}
