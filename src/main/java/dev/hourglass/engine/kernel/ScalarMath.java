package dev.hourglass.engine.kernel;

/**
 * Transcendental functions built only from IEEE-exact operations (+, ×, fma, bit moves), mirrored
 * operation for operation by {@link VectorMath}. The Vector API's own EXP/TANH/LOG1P give
 * different last bits in the interpreter (per-lane {@link Math}) and in C2 (SVML), which made
 * training results depend on JIT timing; these do not, and scalar and SIMD agree bit for bit.
 */
final class ScalarMath {

    static final float MIN_EXP_ARG = -87f;
    static final float MAX_EXP_ARG = 88f;
    static final float LOG2E = 1.44269504088896341f;
    /** 1.5 · 2^23: adding it rounds to an integer held in the low mantissa bits. */
    static final float ROUNDER = 12582912f;
    static final int ROUNDER_BITS = 0x4B400000;
    // ln 2 split in two (Cephes): LN2_HI has few mantissa bits, so n · LN2_HI is exact
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    // Cephes expf polynomial on [−ln2/2, ln2/2]
    static final float E0 = 1.9875691500e-4f;
    static final float E1 = 1.3981999507e-3f;
    static final float E2 = 8.3334519073e-3f;
    static final float E3 = 4.1665795894e-2f;
    static final float E4 = 1.6666665459e-1f;
    static final float E5 = 5.0000001201e-1f;

    private ScalarMath() {
    }

    /** e^x for x clamped to [−87, 88] (a couple of ulp); NaN stays NaN. */
    static float exp(float x) {
        x = Math.max(MIN_EXP_ARG, Math.min(MAX_EXP_ARG, x));
        float t = Math.fma(x, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        int ni = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, E0, E1);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E5);
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat((ni + 127) << 23);
    }

    /** 1 / (1 + e^−z). */
    static float sigmoid(float z) {
        return 1f / (1f + exp(-z));
    }

    /** tanh z = sign(z) · (1 − e^−2|z|) / (1 + e^−2|z|); absolute error ~1e-7. */
    static float tanh(float z) {
        float e = exp(-2f * Math.abs(z));
        float t = (1f - e) / (1f + e);
        return z < 0f ? -t : t;
    }

    /**
     * log(1 + e) for e in [0, 1]: 2·atanh(s) with s = e / (2 + e) ≤ 1/3, as the odd series
     * 2s · Σ_k s^2k / (2k + 1) to k = 8 (truncation below 1e-8 relative); exact for tiny e.
     */
    static float log1pUnit(float e) {
        float s = e / (2f + e);
        float s2 = s * s;
        float q = Math.fma(s2, 1f / 17f, 1f / 15f);
        q = Math.fma(q, s2, 1f / 13f);
        q = Math.fma(q, s2, 1f / 11f);
        q = Math.fma(q, s2, 1f / 9f);
        q = Math.fma(q, s2, 1f / 7f);
        q = Math.fma(q, s2, 1f / 5f);
        q = Math.fma(q, s2, 1f / 3f);
        q = Math.fma(q, s2, 1f);
        return 2f * s * q;
    }
}
