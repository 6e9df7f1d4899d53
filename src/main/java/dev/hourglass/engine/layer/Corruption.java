package dev.hourglass.engine.layer;

import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.random.SplitMix64;

/**
 * The corruption slot of a denoising autoencoder, drawn fresh for every batch from the trainer's
 * RNG: masking x̃ = x ⊙ mask with P(mask = 0) = level, or Gaussian x̃ = x + N(0, level²). The loss
 * still compares with the clean x; inference never calls this.
 */
public final class Corruption {

    private final boolean masking;
    private final float level;

    public Corruption(boolean masking, float level) {
        this.masking = masking;
        this.level = level;
    }

    /** out(count) = corrupted x(count). */
    public void apply(float[] x, float[] out, int count, SplitMix64 rng) {
        if (masking) {
            Draws.maskingNoise(x, out, count, level, rng);
        } else {
            Draws.gaussianNoise(x, out, count, level, rng);
        }
    }
}
