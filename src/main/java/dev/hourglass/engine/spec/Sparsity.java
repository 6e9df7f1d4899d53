package dev.hourglass.engine.spec;

/**
 * The KL sparsity penalty β Σ_l KL(ρ ‖ ρ̂_l) on the code layer, ρ̂_l the batch mean of code unit l.
 * Needs a code activation with values in (0, 1), i.e. SIGMOID.
 *
 * @param target ρ in (0, 1)
 * @param weight β ≥ 0
 */
public record Sparsity(float target, float weight) {

    public Sparsity {
        if (!(target > 0f && target < 1f)) {
            throw new IllegalArgumentException("sparsity target must be in (0, 1): " + target);
        }
        if (!(weight >= 0f && Float.isFinite(weight))) {
            throw new IllegalArgumentException("sparsity weight must be finite and ≥ 0: " + weight);
        }
    }
}
