package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The KL sparsity penalty β Σ_l KL(ρ ‖ ρ̂_l) on the code layer, ρ̂_l the batch mean of code unit l.
 * Needs a code activation with values in (0, 1), i.e. SIGMOID.
 *
 * @param target ρ in (0, 1)
 * @param weight β ≥ 0
 */
public record Sparsity(float target, float weight) {

    /** Everything wrong with this block, by field ("target", "weight"). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (!(target > 0f && target < 1f)) {
            p.add(new Problem("target", "must be in (0, 1), got " + target));
        }
        if (!Problem.finiteAtLeastZero(weight)) {
            p.add(new Problem("weight", "must be a finite number ≥ 0, got " + weight));
        }
        return p;
    }
}
