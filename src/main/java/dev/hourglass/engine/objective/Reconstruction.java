package dev.hourglass.engine.objective;

import java.util.List;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Variational;

/**
 * How far the output is from the clean rows; the term every objective starts from. Its forward also
 * writes the gradient at the output (fused with the loss in one kernel pass), where the network's
 * backward pass begins: with respect to the logits when {@link #usesLogits()}, else to the activated
 * output.
 * <ul>
 *   <li>Deterministic: the mean over all m·n elements of MSE (x̂ − x)² or BCE from the logits.</li>
 *   <li>Variational: per row the negative log-likelihood summed over features (Bernoulli: BCE from the
 *   logits; Gaussian with σ = 1: (x̂ − x)²/2), averaged over the rows and the S draws of z.</li>
 * </ul>
 * Metric: "reconstruction".
 */
public final class Reconstruction implements Term {

    private enum Kind { MSE, BCE, BERNOULLI, GAUSSIAN }

    private final Kind kind;
    private final int n;
    private final int samples;
    private final int last;
    /** The clean rows repeated once per draw of z (S > 1 only). */
    private final float[] repeated;

    Reconstruction(Network network, LossKind loss, int capacity) {
        Variational vae = network.variational();
        this.kind = vae == null ? (loss == LossKind.BCE ? Kind.BCE : Kind.MSE)
                : vae.likelihood() == Likelihood.BERNOULLI ? Kind.BERNOULLI : Kind.GAUSSIAN;
        this.n = network.inputDim();
        this.samples = network.samples();
        this.last = network.lastLayer();
        this.repeated = samples > 1 ? new float[capacity * samples * n] : null;
    }

    /** Whether the loss takes the output layer's pre-activation (logits) rather than x̂. */
    public boolean usesLogits() {
        return kind == Kind.BCE || kind == Kind.BERNOULLI;
    }

    @Override
    public List<String> metrics() {
        return List.of("reconstruction");
    }

    @Override
    public double forward(Pass pass, double[] values, int offset) {
        int m = pass.rows();
        float[] output = pass.activations(last);
        float[] grad = pass.gradient(last);
        double value;
        if (kind == Kind.MSE || kind == Kind.BCE) {
            value = lossAndGradient(kind == Kind.BCE ? LossKind.BCE : LossKind.MSE, output, pass.target(), grad, m, n);
        } else {
            int md = m * samples;
            float[] target = pass.target();
            if (samples > 1) {
                for (int s = 0; s < samples; s++) {   // one clean copy per draw of z
                    System.arraycopy(target, 0, repeated, s * m * n, m * n);
                }
                target = repeated;
            }
            float inv = 1f / md;
            value = kind == Kind.BERNOULLI
                    ? Kernels.binaryCrossEntropyWithLogits(output, target, grad, md * n, inv) / md
                    : Kernels.squaredError(output, target, grad, md * n, inv) / (2.0 * md);
        }
        values[offset] = value;
        return value;
    }

    /**
     * The mean loss over m·n elements, writing its gradient into {@code grad(m,n)}: with respect to the
     * activated output for MSE (2(x̂ − x)/(mn)), to the logits for BCE ((σ(z) − x)/(mn)).
     *
     * @param output x̂(m,n) for MSE, logits z(m,n) for BCE
     */
    public static double lossAndGradient(LossKind kind, float[] output, float[] target, float[] grad, int m, int n) {
        int count = m * n;
        double inv = 1.0 / count;
        return switch (kind) {
            case MSE -> Kernels.squaredError(output, target, grad, count, (float) (2.0 * inv)) * inv;
            case BCE -> Kernels.binaryCrossEntropyWithLogits(output, target, grad, count, (float) inv) * inv;
        };
    }
}
