package dev.hourglass.engine.loss;

import dev.hourglass.engine.spec.LossKind;

import dev.hourglass.engine.kernel.Kernels;

/** Loss values and their gradients for a batch of m rows of n features. */
public final class ReconstructionLoss {

    private ReconstructionLoss() {
    }

    /**
     * Returns the mean loss and writes its gradient into {@code grad(m,n)}: with respect to the
     * activated output for MSE (2(x̂ − x)/(mn)), with respect to the logits for BCE ((σ(z) − x)/(mn)).
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

    /** Whether the loss consumes the output layer's pre-activation (logits) rather than x̂. */
    public static boolean usesLogits(LossKind kind) {
        return kind == LossKind.BCE;
    }
}
