package dev.hourglass.engine.spec;

/**
 * Corruption applied to training inputs only; the loss always compares x̂(x̃) with the clean x and
 * inference never corrupts.
 *
 * @param level MASKING: the drop probability q in [0, 1); GAUSSIAN: the standard deviation σ ≥ 0
 */
public record Noise(NoiseKind kind, float level) {

    public Noise {
        if (kind == null) {
            throw new IllegalArgumentException("noise kind is required");
        }
        if (kind == NoiseKind.MASKING && !(level >= 0f && level < 1f)) {
            throw new IllegalArgumentException("masking level must be in [0, 1): " + level);
        }
        if (kind == NoiseKind.GAUSSIAN && !(level >= 0f && Float.isFinite(level))) {
            throw new IllegalArgumentException("gaussian level must be a finite σ ≥ 0: " + level);
        }
    }
}
