package dev.hourglass.engine.kernel;

import java.util.Arrays;

import dev.hourglass.engine.tensor.SplitMix64;

/**
 * Kernels of the variants: input corruption, random draws, the sparsity, contractive and Gaussian KL
 * penalties with their gradients, and small broadcasts. All are O(m·n) or O(m·k) per batch against
 * the O(m·n·k) of the GEMMs around them, so each is a single scalar loop (no SIMD twin), run on the
 * calling thread: results never depend on the thread count. Random draws happen in index order from
 * the caller's {@link SplitMix64}, whose state is part of a checkpoint.
 */
public final class Penalties {

    private Penalties() {
    }

    // ---------------------------------------------------------------- noise and draws

    /**
     * out(count) = x ⊙ mask, mask_i = 0 with probability q: element i is dropped when a 32-bit
     * uniform u_i (the low, then the high half of one 64-bit draw per pair) is below round(q·2³²).
     */
    public static void maskingNoise(float[] x, float[] out, int count, float q, SplitMix64 rng) {
        long threshold = Math.round(q * 0x1p32);
        long bits = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 1) == 0) {
                bits = rng.nextLong();
            }
            out[i] = (bits & 0xFFFF_FFFFL) < threshold ? 0f : x[i];
            bits >>>= 32;
        }
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

    /** out(count) ∈ {−1, +1}, one bit of a 64-bit draw per element. */
    public static void rademacher(float[] out, int count, SplitMix64 rng) {
        long bits = 0;
        for (int i = 0; i < count; i++) {
            if ((i & 63) == 0) {
                bits = rng.nextLong();
            }
            out[i] = (bits & 1L) != 0 ? 1f : -1f;
            bits >>>= 1;
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

    /** lo(n), hi(n) = per-column minimum and maximum of x(m,n), m ≥ 1. */
    public static void columnRange(float[] x, int m, int n, float[] lo, float[] hi) {
        System.arraycopy(x, 0, lo, 0, n);
        System.arraycopy(x, 0, hi, 0, n);
        for (int i = 1, o = n; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                lo[j] = Math.min(lo[j], x[o]);
                hi[j] = Math.max(hi[j], x[o]);
            }
        }
    }

    // ---------------------------------------------------------------- sparsity

    /** Below this distance from 0 or 1, ρ̂ is clamped so the penalty stays finite. */
    public static final double RHO_HAT_FLOOR = 1e-6;

    /**
     * The KL sparsity penalty from column sums of code activations h(m,k): ρ̂_l = colSums_l / m,
     * returns β Σ_l [ρ log(ρ/ρ̂_l) + (1−ρ) log((1−ρ)/(1−ρ̂_l))] and writes
     * grad_l = β/m · (−ρ/ρ̂_l + (1−ρ)/(1−ρ̂_l)), the gradient for every h(i,l). ρ̂ is clamped to
     * [1e-6, 1 − 1e-6].
     */
    public static double klSparsity(float[] colSums, int m, int k, double rho, double beta, float[] grad) {
        double sum = 0;
        for (int l = 0; l < k; l++) {
            double r = Math.min(1 - RHO_HAT_FLOOR, Math.max(RHO_HAT_FLOOR, colSums[l] / (double) m));
            sum += rho * StrictMath.log(rho / r) + (1 - rho) * StrictMath.log((1 - rho) / (1 - r));
            grad[l] = (float) (beta / m * (-rho / r + (1 - rho) / (1 - r)));
        }
        return beta * sum;
    }

    /** y(m,n) += v(n) on every row. */
    public static void addRowVectorInPlace(float[] y, int m, int n, float[] v) {
        for (int i = 0, o = 0; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                y[o] += v[j];
            }
        }
    }

    /** Σ x[0, count) in double. */
    public static double sum(float[] x, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += x[i];
        }
        return s;
    }

    // ---------------------------------------------------------------- contractive

    /** c(n) = Σ_i w(i,n)² : squared norms of the columns of w(m,n). */
    public static void columnSumsOfSquares(float[] w, int m, int n, float[] c) {
        Arrays.fill(c, 0, n, 0f);
        for (int i = 0, o = 0; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                c[j] += w[o] * w[o];
            }
        }
    }

    /** ∂f'/∂z written through y = f(z): sigmoid f'(1 − 2y), tanh −2y f', piecewise-linear 0. */
    static float secondDerivative(Nonlinearity f, float y) {
        return switch (f) {
            case SIGMOID -> y * (1f - y) * (1f - 2f * y);
            case TANH -> -2f * y * (1f - y * y);
            default -> 0f;
        };
    }

    /**
     * The closed-form contractive penalty of one layer h = f(x·W + b), h(m,k), with c(k) the squared
     * column norms of W: returns Σ_i Σ_l f'(z_il)² c_l; writes zbar(m,k) = scale · 2 f' f'' c_l (the
     * gradient of scale·penalty through the pre-activation) and dsq(k) = Σ_i f'(z_il)².
     */
    public static double contractiveSingleLayer(float[] h, int m, int k, Nonlinearity f, float[] c, float scale,
                                                float[] zbar, float[] dsq) {
        Arrays.fill(dsq, 0, k, 0f);
        double sum = 0;
        for (int i = 0, o = 0; i < m; i++) {
            for (int l = 0; l < k; l++, o++) {
                float d = ScalarPointwise.derivative(f, h[o]);
                float d2 = d * d;
                sum += (double) d2 * c[l];
                dsq[l] += d2;
                zbar[o] = scale * 2f * d * secondDerivative(f, h[o]) * c[l];
            }
        }
        return sum;
    }

    /** g(m,n) += s · v(n) ⊙ w(m,n) on every row (the weight gradient s·dsq_l·W_jl). */
    public static void addColumnScaledInPlace(float[] g, float[] w, int m, int n, float[] v, float s) {
        for (int i = 0, o = 0; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                g[o] += s * v[j] * w[o];
            }
        }
    }

    /** Forward-mode tangent through an activation: u = f'(z) ⊙ s, written through y = f(z). */
    public static void tangentForward(float[] y, float[] s, float[] u, int count, Nonlinearity f) {
        for (int i = 0; i < count; i++) {
            u[i] = ScalarPointwise.derivative(f, y[i]) * s[i];
        }
    }

    /**
     * Backward of {@link #tangentForward}: with ū = ∂P/∂u, writes s̄ = ū ⊙ f'(z) and
     * z̄ = ū ⊙ s ⊙ f''(z) (the pre-activation's share through f').
     */
    public static void tangentBackward(float[] y, float[] s, float[] ubar, int count, Nonlinearity f, float[] sbar,
                                       float[] zbar) {
        for (int i = 0; i < count; i++) {
            sbar[i] = ubar[i] * ScalarPointwise.derivative(f, y[i]);
            zbar[i] = ubar[i] * s[i] * secondDerivative(f, y[i]);
        }
    }

    /** dst(count) = s · src. */
    public static void scale(float[] src, float[] dst, int count, float s) {
        for (int i = 0; i < count; i++) {
            dst[i] = s * src[i];
        }
    }

    /** a(count) += b. */
    public static void addInPlace(float[] a, float[] b, int count) {
        for (int i = 0; i < count; i++) {
            a[i] += b[i];
        }
    }

    /** g(rows,cols) = [diag(f'(y)) | 0]: row l holds f'(y_l) in column l (k = rows ≤ cols). */
    public static void diagonalDerivative(float[] y, int rows, int cols, Nonlinearity f, float[] g) {
        Arrays.fill(g, 0, rows * cols, 0f);
        for (int l = 0; l < rows; l++) {
            g[l * cols + l] = ScalarPointwise.derivative(f, y[l]);
        }
    }

    /** g(rows,cols) *= f'(y(cols)) column-wise. */
    public static void scaleColumnsByDerivative(float[] g, int rows, int cols, float[] y, Nonlinearity f) {
        for (int r = 0, o = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++, o++) {
                g[o] *= ScalarPointwise.derivative(f, y[c]);
            }
        }
    }

    // ---------------------------------------------------------------- variational

    /**
     * z(S·m, k), replica s in rows [s·m, (s+1)·m): z = μ + exp(½ log σ²) ⊙ ε, with head(m, 2k) holding
     * (μ | log σ²) per row and eps shaped like z.
     */
    public static void reparameterize(float[] head, int m, int k, float[] eps, int samples, float[] z) {
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < m; i++) {
                int h = i * 2 * k;
                int o = (s * m + i) * k;
                for (int l = 0; l < k; l++) {
                    z[o + l] = head[h + l] + ScalarMath.exp(0.5f * head[h + k + l]) * eps[o + l];
                }
            }
        }
    }

    /** Σ over rows of KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²), head(m, 2k) = (μ | log σ²). */
    public static double gaussianKl(float[] head, int m, int k) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            int h = i * 2 * k;
            for (int l = 0; l < k; l++) {
                double mu = head[h + l];
                double lv = head[h + k + l];
                sum += -0.5 * (1 + lv - mu * mu - StrictMath.exp(lv));
            }
        }
        return sum;
    }

    /**
     * dhead(m, 2k) = klScale · ∂KL/∂(μ, log σ²) + the reparameterization's pull-back of dz(S·m, k):
     * dμ = klScale·μ + Σ_s dz, d log σ² = klScale·½(σ² − 1) + Σ_s dz ⊙ ε ⊙ ½σ.
     */
    public static void variationalHeadBackward(float[] head, int m, int k, float[] eps, float[] dz, int samples,
                                               float klScale, float[] dhead) {
        for (int i = 0; i < m; i++) {
            int h = i * 2 * k;
            for (int l = 0; l < k; l++) {
                float mu = head[h + l];
                float lv = head[h + k + l];
                float sigma = ScalarMath.exp(0.5f * lv);
                float dmu = klScale * mu;
                float dlv = klScale * 0.5f * (sigma * sigma - 1f);
                for (int s = 0; s < samples; s++) {
                    int o = (s * m + i) * k + l;
                    dmu += dz[o];
                    dlv += dz[o] * eps[o] * 0.5f * sigma;
                }
                dhead[h + l] = dmu;
                dhead[h + k + l] = dlv;
            }
        }
    }

    /** dst(m, count) = src(m, cols)[:, from .. from+count). */
    public static void copyColumns(float[] src, int m, int cols, int from, int count, float[] dst) {
        for (int i = 0; i < m; i++) {
            System.arraycopy(src, i * cols + from, dst, i * count, count);
        }
    }
}
