package dev.hourglass.engine.spec;

/**
 * The decoder likelihood of a variational autoencoder; its negative log is the per-row
 * reconstruction term, summed over features.
 * <ul>
 *   <li>{@code BERNOULLI}: BCE from the output logits, Σ_j [max(z,0) − z·x + log(1 + e^−|z|)];
 *   needs a SIGMOID output.</li>
 *   <li>{@code GAUSSIAN}: N(x̂, σ² I) with σ = 1: Σ_j (x̂ − x)² / 2. The constant (n/2)·log 2π of the
 *   log-likelihood is left out of the reported terms.</li>
 * </ul>
 */
public enum Likelihood {
    BERNOULLI, GAUSSIAN
}
