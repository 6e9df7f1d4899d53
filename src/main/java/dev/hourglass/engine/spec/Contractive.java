package dev.hourglass.engine.spec;

import java.util.List;

/**
 * The contractive penalty λ‖J‖²_F averaged over the batch. With {@link Scope#ENCODER} J is the
 * Jacobian of the whole encoder, ∂h/∂x: exact closed form for one layer, an unbiased one-probe
 * estimator deeper (see {@link dev.hourglass.engine.regularizer.JacobianPenalty}). With
 * {@link Scope#CODE_LAYER} J is the code layer's own Jacobian with respect to its input, in closed
 * form ({@code Σ_j f'(z_j)² Σ_i W_ij²}), its gradient flowing through the layers below by ordinary
 * backpropagation: the objective of most deep-CAE code, PyTorch's reference among them. The two are
 * the same for a one-layer encoder. Either way the reported "jacobianFrobenius" and the validation
 * loss's contractive part use the whole encoder's exact ‖J‖²_F, so validation losses of the two scopes
 * are comparable with each other, not with the CODE_LAYER training loss.
 *
 * @param weight λ ≥ 0
 * @param scope  whose Jacobian is penalized (null: ENCODER)
 */
public record Contractive(float weight, Scope scope) {

    public enum Scope { ENCODER, CODE_LAYER }

    public Contractive(float weight) {
        this(weight, Scope.ENCODER);
    }

    public Contractive {
        if (scope == null) {
            scope = Scope.ENCODER;
        }
    }

    /** Everything wrong with this block, by field ("weight"). */
    public List<Problem> problems() {
        return Problem.finiteAtLeastZero(weight) ? List.of()
                : List.of(new Problem("weight", "must be a finite number ≥ 0, got " + weight));
    }
}
