package dev.hourglass.engine.kernel;

import dev.hourglass.engine.random.SplitMix64;

/**
 * Random draws into arrays: input corruption, Gaussian and Rademacher samples, uniform rows. Each
 * draws in index order from the caller's {@link SplitMix64} on the calling thread (its state is part of
 * a checkpoint), so results never depend on the thread count; Rademacher signs are expanded from each
 * 64-bit draw by a {@link PenaltyKernel}.
 */
public final class Draws {

    private Draws() {
    }

    /**
     * out(count) = x ⊙ mask, mask_i = 0 with probability q: element i is dropped when a 32-bit
     * uniform u_i (the low, then the high half of one 64-bit draw per pair) is below round(q·2³²).
     */
    public static void maskingNoise(float[] x, float[] out, int count, float q, SplitMix64 rng) {
        rng.setState(Kernels.PENALTY.maskingNoise(x, out, count, Math.round(q * 0x1p32), rng.state()));
    }

    /** out(count) = x + σ · N(0, 1). */
    public static void gaussianNoise(float[] x, float[] out, int count, float sigma, SplitMix64 rng) {
        gaussian(out, count, rng);
        for (int i = 0; i < count; i++) {
            out[i] = x[i] + sigma * out[i];
        }
    }

    /**
     * out(count) ~ N(0, 1) by Marsaglia and Tsang's ziggurat with 128 layers: one 64-bit draw per
     * sample in the common case (its low 7 bits pick the layer, its high 32 bits the signed abscissa,
     * so layer and value never share bits), a rejection step with exp or log in about 1.5% of draws.
     * The tables come from StrictMath and the hot path uses only multiplications and comparisons, so
     * the stream is the same on every JVM and JIT tier.
     */
    public static void gaussian(float[] out, int count, SplitMix64 rng) {
        for (int i = 0; i < count; i++) {
            out[i] = (float) nextGaussian(rng);
        }
    }

    private static final int ZIGGURAT_LAYERS = 128;
    /** Start of the tail, and the common area of every layer, for 128 layers (Marsaglia and Tsang 2000). */
    private static final double ZIGGURAT_R = 3.442619855899;
    private static final double ZIGGURAT_V = 9.91256303526217e-3;
    private static final long[] KN = new long[ZIGGURAT_LAYERS];
    private static final double[] WN = new double[ZIGGURAT_LAYERS];
    private static final double[] FN = new double[ZIGGURAT_LAYERS];

    static {
        double m1 = 0x1p31;
        double dn = ZIGGURAT_R;
        double tn = dn;
        double q = ZIGGURAT_V / StrictMath.exp(-0.5 * dn * dn);
        KN[0] = (long) ((dn / q) * m1);
        KN[1] = 0;
        WN[0] = q / m1;
        WN[ZIGGURAT_LAYERS - 1] = dn / m1;
        FN[0] = 1.0;
        FN[ZIGGURAT_LAYERS - 1] = StrictMath.exp(-0.5 * dn * dn);
        for (int i = ZIGGURAT_LAYERS - 2; i >= 1; i--) {
            dn = StrictMath.sqrt(-2.0 * StrictMath.log(ZIGGURAT_V / dn + StrictMath.exp(-0.5 * dn * dn)));
            KN[i + 1] = (long) ((dn / tn) * m1);
            tn = dn;
            FN[i] = StrictMath.exp(-0.5 * dn * dn);
            WN[i] = dn / m1;
        }
    }

    /** One N(0, 1) draw. */
    static double nextGaussian(SplitMix64 rng) {
        while (true) {
            long bits = rng.nextLong();
            int layer = (int) (bits & (ZIGGURAT_LAYERS - 1));
            long hz = bits >> 32;                              // signed, in [−2³¹, 2³¹)
            double x = hz * WN[layer];
            if (Math.abs(hz) < KN[layer]) {
                return x;                                      // inside the layer's rectangle
            }
            if (layer == 0) {                                  // the base strip's tail beyond R
                double t;
                double y;
                do {
                    t = -StrictMath.log(openUniform(rng)) / ZIGGURAT_R;
                    y = -StrictMath.log(openUniform(rng));
                } while (y + y < t * t);
                return hz > 0 ? ZIGGURAT_R + t : -ZIGGURAT_R - t;
            }
            if (FN[layer] + openUniform(rng) * (FN[layer - 1] - FN[layer]) < StrictMath.exp(-0.5 * x * x)) {
                return x;                                      // under the density in the wedge
            }
        }
    }

    /** Uniform in (0, 1), 53 bits. */
    private static double openUniform(SplitMix64 rng) {
        return ((rng.nextLong() >>> 11) + 0.5) * 0x1p-53;
    }

    /** out(count) ∈ {−1, +1}, one bit of a 64-bit draw per element (bit j of draw w for element 64w + j). */
    public static void rademacher(float[] out, int count, SplitMix64 rng) {
        for (int i = 0; i < count; i += 64) {
            Kernels.PENALTY.signs(rng.nextLong(), out, i, Math.min(64, count - i));
        }
    }

    /** out(m,n): row i column j uniform in [lo_j, hi_j). */
    public static void uniformRows(float[] lo, float[] hi, int m, int n, SplitMix64 rng, float[] out) {
        for (int i = 0, o = 0; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                out[o] = lo[j] + (hi[j] - lo[j]) * rng.nextFloat();
            }
        }
    }
}
