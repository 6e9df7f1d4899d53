package dev.hourglass.engine.objective;

import java.util.List;

import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Penalties;
import dev.hourglass.engine.spec.Sparsity;

/**
 * β Σ_l KL(ρ ‖ ρ̂_l) with ρ̂_l = (1/m) Σ_i h_il, the batch mean of code unit l; its exact gradient
 * β/m · (−ρ/ρ̂_l + (1−ρ)/(1−ρ̂_l)) goes into every row of ∂L/∂h of the code, before the code's f'.
 * Metrics: "sparsityKl" (the weighted penalty) and "meanActivation" (mean ρ̂ over the units).
 */
public final class KlSparsity implements Term {

    private final double rho;
    private final double beta;
    private final int code;
    private final int k;
    private final float[] colSums;
    private final float[] grad;

    KlSparsity(Sparsity settings, Network network) {
        this.rho = settings.target();
        this.beta = settings.weight();
        this.code = network.codeLayer();
        this.k = network.layers()[code].out();
        this.colSums = new float[k];
        this.grad = new float[k];
    }

    @Override
    public List<String> metrics() {
        return List.of("sparsityKl", "meanActivation");
    }

    @Override
    public double forward(Pass pass, double[] values, int offset) {
        int m = pass.rows();
        Kernels.columnSums(pass.ctx(), pass.activations(code), m, k, colSums, false);
        values[offset + 1] = ArrayOps.sum(colSums, k) / ((double) m * k);
        values[offset] = Penalties.klSparsity(colSums, m, k, rho, beta, grad);
        return values[offset];
    }

    @Override
    public boolean addsToOutputGradient(int layer) {
        return layer == code;
    }

    @Override
    public void addToOutputGradient(Pass pass, int layer, float[] dh) {
        ArrayOps.addRowVectorInPlace(dh, pass.rows(), k, grad);
    }
}
