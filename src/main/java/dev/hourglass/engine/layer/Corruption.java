package dev.hourglass.engine.layer;

import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;

/**
 * The noise layer of a denoising autoencoder, in front of the encoder during training only (as
 * dropout or Keras's GaussianNoise): masking x̃ = x ⊙ mask with P(mask = 0) = level, or Gaussian
 * x̃ = x + N(0, level²), drawn fresh for every batch from the trainer's stream. The loss still compares
 * with the clean x; inference never corrupts.
 */
public final class Corruption {

    private final boolean masking;
    private final float level;

    public Corruption(Noise noise) {
        this.masking = noise.kind() == NoiseKind.MASKING;
        this.level = noise.level();
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
