package dev.hourglass.engine.kernel;

import dev.hourglass.engine.random.SplitMix64;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD penalty kernels: {@link ScalarPenalty}'s formulas lane-wise, in the same order (no fma where
 * the scalar twin has none), so results match bit for bit; tails go through the scalar twin.
 */
final class VectorPenalty implements PenaltyKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Long> D = LongVector.SPECIES_PREFERRED;
    /** GAMMA · (1, 2, …, lanes): the states of a run of draws relative to the state before them. */
    private static final long[] STEPS = new long[D.length()];
    private static final PenaltyKernel TAIL = new ScalarPenalty();
    /** Bit shifts 0, 1, …, 31 for {@link #signs}, read L at a time. */
    private static final int[] SHIFTS = new int[32];
    /** ±1 as bits: −1 is 0xBF800000; setting bit 31 of that (XOR) gives +1, 0x3F800000. */
    private static final int MINUS_ONE_BITS = Float.floatToRawIntBits(-1f);

    static {
        for (int j = 0; j < SHIFTS.length; j++) {
            SHIFTS[j] = j;
        }
        for (int j = 0; j < STEPS.length; j++) {
            STEPS[j] = SplitMix64.GAMMA * (j + 1);
        }
    }

    // One loop per nonlinearity with the switch outside (see VectorPointwise): piecewise-linear ones
    // share a loop whose f' is 1 above zero and `below` elsewhere (ReLU 0, leaky slope, linear 1).

    private static float below(Nonlinearity f) {
        return switch (f) {
            case RELU -> 0f;
            case LEAKY_RELU -> Nonlinearity.LEAKY_SLOPE;
            default -> 1f;
        };
    }

    @Override
    public void tangentForward(float[] y, float[] s, float[] u, Nonlinearity f, int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        switch (f) {
            case SIGMOID -> {
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    yv.mul(yv.neg().add(1f)).mul(FloatVector.fromArray(S, s, i)).intoArray(u, i);   // y (1 − y) s
                }
            }
            case TANH -> {
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    yv.mul(yv).neg().add(1f).mul(FloatVector.fromArray(S, s, i)).intoArray(u, i);   // (1 − y²) s
                }
            }
            default -> {
                FloatVector one = FloatVector.broadcast(S, 1f);
                FloatVector low = FloatVector.broadcast(S, below(f));
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    low.blend(one, yv.compare(VectorOperators.GT, 0f)).mul(FloatVector.fromArray(S, s, i))
                            .intoArray(u, i);
                }
            }
        }
        TAIL.tangentForward(y, s, u, f, i, to);
    }

    @Override
    public void tangentBackward(float[] y, float[] s, float[] ubar, Nonlinearity f, float[] sbar, float[] zbar,
                                int from, int to) {
        int i = from;
        int bound = from + S.loopBound(to - from);
        switch (f) {
            case SIGMOID -> {
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    FloatVector ub = FloatVector.fromArray(S, ubar, i);
                    FloatVector d = yv.mul(yv.neg().add(1f));                                     // y (1 − y)
                    ub.mul(d).intoArray(sbar, i);
                    FloatVector d2 = d.mul(yv.mul(2f).neg().add(1f));                             // f' (1 − 2y)
                    ub.mul(FloatVector.fromArray(S, s, i)).mul(d2).intoArray(zbar, i);
                }
            }
            case TANH -> {
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    FloatVector ub = FloatVector.fromArray(S, ubar, i);
                    FloatVector d = yv.mul(yv).neg().add(1f);                                     // 1 − y²
                    ub.mul(d).intoArray(sbar, i);
                    FloatVector d2 = yv.mul(-2f).mul(d);                                          // −2y f'
                    ub.mul(FloatVector.fromArray(S, s, i)).mul(d2).intoArray(zbar, i);
                }
            }
            default -> {
                FloatVector one = FloatVector.broadcast(S, 1f);
                FloatVector low = FloatVector.broadcast(S, below(f));
                for (; i < bound; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, i);
                    FloatVector ub = FloatVector.fromArray(S, ubar, i);
                    ub.mul(low.blend(one, yv.compare(VectorOperators.GT, 0f))).intoArray(sbar, i);
                    ub.mul(FloatVector.fromArray(S, s, i)).mul(0f).intoArray(zbar, i);            // f'' = 0
                }
            }
        }
        TAIL.tangentBackward(y, s, ubar, f, sbar, zbar, i, to);
    }

    @Override
    public void contractiveRows(float[] h, int k, Nonlinearity f, float[] c, float scale, float[] zbar, float[] dsq,
                                int rowFrom, int rowTo) {
        switch (f) {
            case SIGMOID -> contractiveSigmoidRows(h, k, c, scale, zbar, dsq, rowFrom, rowTo);
            case TANH -> contractiveTanhRows(h, k, c, scale, zbar, dsq, rowFrom, rowTo);
            default -> TAIL.contractiveRows(h, k, f, c, scale, zbar, dsq, rowFrom, rowTo);  // f'' = 0: rare, cheap
        }
    }

    private static void contractiveSigmoidRows(float[] h, int k, float[] c, float scale, float[] zbar, float[] dsq,
                                               int rowFrom, int rowTo) {
        int bound = S.loopBound(k);
        float s2 = scale * 2f;
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * k;
            int l = 0;
            for (; l < bound; l += L) {
                FloatVector y = FloatVector.fromArray(S, h, o + l);
                FloatVector d = y.mul(y.neg().add(1f));
                d.mul(d).add(FloatVector.fromArray(S, dsq, l)).intoArray(dsq, l);
                FloatVector d2 = d.mul(y.mul(2f).neg().add(1f));
                FloatVector.broadcast(S, s2).mul(d).mul(d2).mul(FloatVector.fromArray(S, c, l)).intoArray(zbar, o + l);
            }
            tailRow(h, k, Nonlinearity.SIGMOID, c, scale, zbar, dsq, i, l);
        }
    }

    private static void contractiveTanhRows(float[] h, int k, float[] c, float scale, float[] zbar, float[] dsq,
                                            int rowFrom, int rowTo) {
        int bound = S.loopBound(k);
        float s2 = scale * 2f;
        for (int i = rowFrom; i < rowTo; i++) {
            int o = i * k;
            int l = 0;
            for (; l < bound; l += L) {
                FloatVector y = FloatVector.fromArray(S, h, o + l);
                FloatVector d = y.mul(y).neg().add(1f);
                d.mul(d).add(FloatVector.fromArray(S, dsq, l)).intoArray(dsq, l);
                FloatVector d2 = y.mul(-2f).mul(d);
                FloatVector.broadcast(S, s2).mul(d).mul(d2).mul(FloatVector.fromArray(S, c, l)).intoArray(zbar, o + l);
            }
            tailRow(h, k, Nonlinearity.TANH, c, scale, zbar, dsq, i, l);
        }
    }

    /** Columns [from, k) of row i, as the scalar twin computes them. */
    private static void tailRow(float[] h, int k, Nonlinearity f, float[] c, float scale, float[] zbar, float[] dsq,
                                int i, int from) {
        for (int l = from, o = i * k + from; l < k; l++, o++) {
            float d = ScalarPointwise.derivative(f, h[o]);
            dsq[l] += d * d;
            zbar[o] = scale * 2f * d * ScalarPenalty.secondDerivative(f, h[o]) * c[l];
        }
    }

    @Override
    public void signs(long bits, float[] out, int offset, int count) {
        if (count < 64 || I.length() != L || 32 % L != 0) {
            TAIL.signs(bits, out, offset, count);
            return;
        }
        for (int half = 0; half < 2; half++) {
            IntVector word = IntVector.broadcast(I, (int) (bits >>> (32 * half)));
            for (int j = 0; j < 32; j += L) {
                word.lanewise(VectorOperators.LSHR, IntVector.fromArray(I, SHIFTS, j))
                        .lanewise(VectorOperators.LSHL, 31)
                        .lanewise(VectorOperators.XOR, MINUS_ONE_BITS)
                        .reinterpretAsFloats()
                        .intoArray(out, offset + 32 * half + j);
            }
        }
    }

    @Override
    public long maskingNoise(float[] x, float[] out, int count, long threshold, long state) {
        // D.length() draws give 2·D.length() = L uniforms: a long lane's low half is int lane 2j
        if (2 * D.length() != L || I.length() != L || threshold <= 0 || threshold >= 1L << 32) {
            return TAIL.maskingNoise(x, out, count, threshold, state);
        }
        // u < threshold unsigned, as a signed compare with both sign bits flipped (the unsigned comparison's
        // name differs between JDK 17 and 25, UNSIGNED_LT and ULT, so neither can be linked on both)
        int t = (int) threshold ^ Integer.MIN_VALUE;
        long runStep = SplitMix64.GAMMA * D.length();
        LongVector steps = LongVector.fromArray(D, STEPS, 0);
        int bound = S.loopBound(count);
        int i = 0;
        for (; i < bound; i += L) {
            LongVector z = LongVector.broadcast(D, state).add(steps);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(SplitMix64.MIX1);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(SplitMix64.MIX2);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            VectorMask<Float> drop = ((IntVector) z.reinterpretAsInts()).lanewise(VectorOperators.XOR, Integer.MIN_VALUE)
                    .compare(VectorOperators.LT, t).cast(S);
            FloatVector.fromArray(S, x, i).blend(0f, drop).intoArray(out, i);
            state += runStep;
        }
        // the tail starts on an even element, so it begins with a fresh draw as the scalar loop does
        return i < count ? tail(x, out, i, count, threshold, state) : state;
    }

    private static long tail(float[] x, float[] out, int from, int count, long threshold, long state) {
        long bits = 0;
        for (int i = from; i < count; i++) {
            if (((i - from) & 1) == 0) {
                bits = SplitMix64.mix(state += SplitMix64.GAMMA);
            }
            out[i] = (bits & 0xFFFF_FFFFL) < threshold ? 0f : x[i];
            bits >>>= 32;
        }
        return state;
    }

    @Override
    public void reparameterizeRow(float[] head, int ho, int k, float[] eps, float[] z, int zo) {
        int bound = S.loopBound(k);
        int l = 0;
        for (; l < bound; l += L) {
            FloatVector sigma = VectorMath.exp(FloatVector.fromArray(S, head, ho + k + l).mul(0.5f));
            FloatVector.fromArray(S, head, ho + l).add(sigma.mul(FloatVector.fromArray(S, eps, zo + l)))
                    .intoArray(z, zo + l);
        }
        for (; l < k; l++) {
            z[zo + l] = head[ho + l] + ScalarMath.exp(0.5f * head[ho + k + l]) * eps[zo + l];
        }
    }

    @Override
    public void variationalHeadBackwardRow(float[] head, int ho, int k, float[] eps, float[] dz, int zo, int stride,
                                           int samples, float klScale, float[] dhead) {
        int bound = S.loopBound(k);
        float halfKl = klScale * 0.5f;
        int l = 0;
        for (; l < bound; l += L) {
            FloatVector sigma = VectorMath.exp(FloatVector.fromArray(S, head, ho + k + l).mul(0.5f));
            FloatVector dmu = FloatVector.fromArray(S, head, ho + l).mul(klScale);
            FloatVector dlv = FloatVector.broadcast(S, halfKl).mul(sigma.mul(sigma).sub(1f));
            for (int s = 0; s < samples; s++) {
                int o = zo + s * stride + l;
                FloatVector d = FloatVector.fromArray(S, dz, o);
                dmu = dmu.add(d);
                dlv = dlv.add(d.mul(FloatVector.fromArray(S, eps, o)).mul(0.5f).mul(sigma));
            }
            dmu.intoArray(dhead, ho + l);
            dlv.intoArray(dhead, ho + k + l);
        }
        for (; l < k; l++) {
            float sigma = ScalarMath.exp(0.5f * head[ho + k + l]);
            float dmu = klScale * head[ho + l];
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
