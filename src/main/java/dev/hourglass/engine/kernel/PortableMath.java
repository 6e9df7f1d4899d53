package dev.hourglass.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, sigmoid, tanh and log1p built only from IEEE-exact operations (+, −, ×, ÷, fused multiply-add,
 * exponent bits), with a scalar and a SIMD form that compute the same bits for the same input.
 *
 * <p>Why not {@code Math.exp} or the Vector API's {@code EXP}/{@code TANH} lane operations: those run
 * as SVML or libm intrinsics once C2 compiles a loop and as Java fallbacks before, and the two
 * disagree in the last bits. Weights would then depend on JIT timing, and a job resumed in a fresh
 * process would not end with the weights of an uninterrupted run. The same holds for
 * {@code reduceLanes(ADD)}, whose order is unspecified: {@link #sumLanes} fixes it.
 *
 * <p>exp follows Cephes {@code expf}: {@code e^x = 2^n · e^r} with {@code n = round(x·log₂e)},
 * {@code r = x − n·ln2} (ln2 split in two for exactness), {@code |r| ≤ ln2/2}, and a degree-6
 * polynomial for {@code e^r}; relative error about 1e-7 on [−87, 88], the clamped domain.
 */
final class PortableMath {

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float MIN_X = -87f;
    private static final float MAX_X = 88f;
    /** 1.5·2²³: adding then subtracting it rounds a float of magnitude < 2²² to the nearest integer. */
    private static final float ROUND = 12582912f;
    private static final float E0 = 1.9875691500e-4f;
    private static final float E1 = 1.3981999507e-3f;
    private static final float E2 = 8.3334519073e-3f;
    private static final float E3 = 4.1665795894e-2f;
    private static final float E4 = 1.6666665459e-1f;
    private static final float E5 = 5.0000001201e-1f;

    /** Cephes tanhf: for |x| < 0.625, tanh x = x + x·s·P(s) with s = x². */
    private static final float TANH_SMALL = 0.625f;
    private static final float T0 = -5.70498872745e-3f;
    private static final float T1 = 2.06390887954e-2f;
    private static final float T2 = -5.37397155531e-2f;
    private static final float T3 = 1.33314422036e-1f;
    private static final float T4 = -3.33332819422e-1f;

    private PortableMath() {
    }

    static float exp(float x) {
        x = Math.min(Math.max(x, MIN_X), MAX_X);
        float n = (x * LOG2E + ROUND) - ROUND;
        float r = Math.fma(-n, LN2_HI, x);
        r = Math.fma(-n, LN2_LO, r);
        float p = Math.fma(E0, r, E1);
        p = Math.fma(p, r, E2);
        p = Math.fma(p, r, E3);
        p = Math.fma(p, r, E4);
        p = Math.fma(p, r, E5);
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat(((int) n + 127) << 23);
    }

    static FloatVector exp(FloatVector x) {
        x = x.max(MIN_X).min(MAX_X);
        FloatVector n = x.mul(LOG2E).add(ROUND).sub(ROUND);
        FloatVector minusN = n.neg();
        FloatVector r = minusN.fma(x.broadcast(LN2_HI), x);
        r = minusN.fma(x.broadcast(LN2_LO), r);
        FloatVector p = r.broadcast(E0).fma(r, r.broadcast(E1));
        p = p.fma(r, r.broadcast(E2));
        p = p.fma(r, r.broadcast(E3));
        p = p.fma(r, r.broadcast(E4));
        p = p.fma(r, r.broadcast(E5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector exponent = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(exponent.reinterpretAsFloats());
    }

    // σ(z) = 1 / (1 + e^−z)
    static float sigmoid(float z) {
        return 1f / (1f + exp(-z));
    }

    static FloatVector sigmoid(FloatVector z) {
        return z.broadcast(1f).div(exp(z.neg()).add(1f));
    }

    // tanh z: the Cephes polynomial near 0 (no cancellation), 1 − 2/(e^{2|z|} + 1) with z's sign beyond.
    static float tanh(float z) {
        float a = Math.abs(z);
        if (a < TANH_SMALL) {
            float s = z * z;
            float p = Math.fma(T0, s, T1);
            p = Math.fma(p, s, T2);
            p = Math.fma(p, s, T3);
            p = Math.fma(p, s, T4);
            return Math.fma(p * s, z, z);
        }
        float t = 1f - 2f / (exp(2f * a) + 1f);
        return z < 0f ? -t : t;
    }

    static FloatVector tanh(FloatVector z) {
        FloatVector s = z.mul(z);
        FloatVector p = s.broadcast(T0).fma(s, s.broadcast(T1));
        p = p.fma(s, s.broadcast(T2));
        p = p.fma(s, s.broadcast(T3));
        p = p.fma(s, s.broadcast(T4));
        FloatVector small = p.mul(s).fma(z, z);
        FloatVector a = z.abs();
        FloatVector t = z.broadcast(1f).sub(z.broadcast(2f).div(exp(a.mul(2f)).add(1f)));
        FloatVector large = t.blend(t.neg(), z.compare(VectorOperators.LT, 0f));
        VectorMask<Float> isSmall = a.compare(VectorOperators.LT, TANH_SMALL);
        return large.blend(small, isSmall);
    }

    /**
     * log(1 + e) for e in [0, 1] (the softplus tail of BCE): {@code 2·atanh(s)}, {@code s = e/(2+e) ≤ 1/3},
     * as the odd series {@code 2s(1 + s²/3 + s⁴/5 + … + s¹²/13)}; the first omitted term is below 1e-8.
     */
    static float log1p(float e) {
        float s = e / (2f + e);
        float q = s * s;
        float p = Math.fma(1f / 13f, q, 1f / 11f);
        p = Math.fma(p, q, 1f / 9f);
        p = Math.fma(p, q, 1f / 7f);
        p = Math.fma(p, q, 1f / 5f);
        p = Math.fma(p, q, 1f / 3f);
        p = Math.fma(p, q, 1f);
        return 2f * s * p;
    }

    static FloatVector log1p(FloatVector e) {
        FloatVector s = e.div(e.add(2f));
        FloatVector q = s.mul(s);
        FloatVector p = q.broadcast(1f / 13f).fma(q, q.broadcast(1f / 11f));
        p = p.fma(q, q.broadcast(1f / 9f));
        p = p.fma(q, q.broadcast(1f / 7f));
        p = p.fma(q, q.broadcast(1f / 5f));
        p = p.fma(q, q.broadcast(1f / 3f));
        p = p.fma(q, q.broadcast(1f));
        return s.mul(2f).mul(p);
    }

    /** The lanes of {@code v} summed in lane order, in double. */
    static double sumLanes(FloatVector v) {
        double sum = 0;
        for (int i = 0; i < v.length(); i++) {
            sum += v.lane(i);
        }
        return sum;
    }
}
