package dev.hourglass.engine.spec;

/**
 * Input corruption of a denoising autoencoder.
 * <ul>
 *   <li>{@code MASKING}: x̃ = x ⊙ mask, mask ~ Bernoulli(1 − level) drawn fresh per batch, so
 *   P(x̃ = 0 | x) = level.</li>
 *   <li>{@code GAUSSIAN}: x̃ = x + N(0, level²), fresh per batch.</li>
 * </ul>
 */
public enum NoiseKind {
    MASKING, GAUSSIAN
}
