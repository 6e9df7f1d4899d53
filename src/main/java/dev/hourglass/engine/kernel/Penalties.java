package dev.hourglass.engine.kernel;

import java.util.Arrays;

/**
 * The penalties' math: KL sparsity, the contractive Jacobian penalty (closed form and the tangent
 * passes of its estimator) and the Gaussian KL with the reparameterization, each with its exact
 * gradient. The element-wise loops are a {@link PenaltyKernel} (SIMD, or its scalar twin, chosen once
 * in {@link Kernels}; the two agree bit for bit). All run on the calling thread, O(m·n) or O(m·k) per
 * batch against the O(m·n·k) of the GEMMs around them: results never depend on the thread count. The
 * sums that are only reported (the penalties' values) stay scalar, in double.
 */
public final class Penalties {

    private Penalties() {
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



    // ---------------------------------------------------------------- contractive


    /**
     * The closed-form contractive penalty of one layer h = f(x·W + b), h(m,k), with c(k) the squared
     * column norms of W: returns Σ_l c_l Σ_i f'(z_il)²; writes zbar(m,k) = scale · 2 f' f'' c_l (the
     * gradient of scale·penalty through the pre-activation) and dsq(k) = Σ_i f'(z_il)².
     */
    public static double contractiveSingleLayer(float[] h, int m, int k, Nonlinearity f, float[] c, float scale,
                                                float[] zbar, float[] dsq) {
        Arrays.fill(dsq, 0, k, 0f);
        Kernels.PENALTY.contractiveRows(h, k, f, c, scale, zbar, dsq, 0, m);
        double sum = 0;
        for (int l = 0; l < k; l++) {
            sum += (double) dsq[l] * c[l];
        }
        return sum;
    }

    /** Forward-mode tangent through an activation: u = f'(z) ⊙ s, written through y = f(z). */
    public static void tangentForward(float[] y, float[] s, float[] u, int count, Nonlinearity f) {
        Kernels.PENALTY.tangentForward(y, s, u, f, 0, count);
    }

    /**
     * Backward of {@link #tangentForward}: with ū = ∂P/∂u, writes s̄ = ū ⊙ f'(z) and
     * z̄ = ū ⊙ s ⊙ f''(z) (the pre-activation's share through f').
     */
    public static void tangentBackward(float[] y, float[] s, float[] ubar, int count, Nonlinearity f, float[] sbar,
                                       float[] zbar) {
        Kernels.PENALTY.tangentBackward(y, s, ubar, f, sbar, zbar, 0, count);
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
                Kernels.PENALTY.reparameterizeRow(head, i * 2 * k, k, eps, z, (s * m + i) * k);
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
            Kernels.PENALTY.variationalHeadBackwardRow(head, i * 2 * k, k, eps, dz, i * k, m * k, samples, klScale,
                    dhead);
        }
    }
}
