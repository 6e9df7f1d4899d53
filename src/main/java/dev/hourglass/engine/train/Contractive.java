package dev.hourglass.engine.train;

/**
 * The contractive penalty λ‖J_x(h)‖²_F averaged over the batch, J the Jacobian of the whole encoder.
 * A one-layer encoder uses the exact closed form; deeper encoders an unbiased one-probe estimator
 * (see {@link dev.hourglass.engine.regularizer.JacobianPenalty}).
 *
 * @param weight λ ≥ 0
 */
public record Contractive(float weight) {

    public Contractive {
        if (!(weight >= 0f && Float.isFinite(weight))) {
            throw new IllegalArgumentException("contractive weight must be finite and ≥ 0: " + weight);
        }
    }
}
