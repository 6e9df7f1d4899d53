package dev.hourglass.engine.spec;

/**
 * Reconstruction losses, both the mean over all m·n elements of a batch.
 * <ul>
 *   <li>{@code MSE}: (x̂ − x)².</li>
 *   <li>{@code BCE}: binary cross-entropy for targets in [0, 1], computed from the logits z of a
 *   sigmoid output (x̂ = σ(z)): max(z, 0) − z·x + log(1 + e^−|z|). Requires a SIGMOID output layer.</li>
 * </ul>
 */
public enum LossKind {
    MSE, BCE
}
