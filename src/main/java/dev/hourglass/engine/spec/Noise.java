package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Corruption applied to training inputs only; the loss always compares x̂(x̃) with the clean x and
 * inference never corrupts.
 *
 * @param kind  MASKING or GAUSSIAN (see {@link NoiseKind})
 * @param level MASKING: the drop probability q in [0, 1); GAUSSIAN: the standard deviation σ ≥ 0
 */
public record Noise(NoiseKind kind, float level) {

    /** Everything wrong with this block, by field ("kind", "level"). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (kind == null) {
            p.add(new Problem("kind", "is required"));
        } else if (kind == NoiseKind.MASKING && !(level >= 0f && level < 1f)) {
            p.add(new Problem("level", "a masking probability must be in [0, 1), got " + level));
        } else if (kind == NoiseKind.GAUSSIAN && !Problem.finiteAtLeastZero(level)) {
            p.add(new Problem("level", "a Gaussian σ must be a finite number ≥ 0, got " + level));
        }
        return p;
    }
}
