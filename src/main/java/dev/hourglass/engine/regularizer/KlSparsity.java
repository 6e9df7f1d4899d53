package dev.hourglass.engine.regularizer;

import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Penalties;

/**
 * β Σ_l KL(ρ ‖ ρ̂_l) with ρ̂_l = (1/m) Σ_i h_il, the batch mean of code unit l; its exact gradient
 * β/m · (−ρ/ρ̂_l + (1−ρ)/(1−ρ̂_l)) goes into every row of ∂L/∂h. Holds buffers for k units.
 */
public final class KlSparsity {

    private final double rho;
    private final double beta;
    private final int k;
    private final float[] colSums;
    private final float[] grad;
    private double meanActivation;

    public KlSparsity(double rho, double beta, int k) {
        this.rho = rho;
        this.beta = beta;
        this.k = k;
        this.colSums = new float[k];
        this.grad = new float[k];
    }

    /** The penalty of codes h(m,k); keeps its gradient for {@link #backward}. */
    public double forward(ComputeContext ctx, float[] h, int m) {
        Kernels.columnSums(ctx, h, m, k, colSums, false);
        meanActivation = ArrayOps.sum(colSums, k) / ((double) m * k);
        return Penalties.klSparsity(colSums, m, k, rho, beta, grad);
    }

    /** dh(m,k) += the penalty's gradient of the last forward. */
    public void backward(float[] dh, int m) {
        ArrayOps.addRowVectorInPlace(dh, m, k, grad);
    }

    /** Mean of ρ̂ over the code units, from the last forward. */
    public double meanActivation() {
        return meanActivation;
    }
}
