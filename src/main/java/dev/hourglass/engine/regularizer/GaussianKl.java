package dev.hourglass.engine.regularizer;

import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.kernel.Penalties;
import dev.hourglass.engine.random.SplitMix64;

/**
 * The latent slot of a variational autoencoder and its regularizer: from head(m, 2k) = (μ | log σ²)
 * it draws z = μ + σ ⊙ ε (S replicas of the batch, ε ~ N(0, I)) and scores
 * KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ_l (1 + log σ²_l − μ_l² − σ²_l) per row. Backward combines the
 * β-weighted KL gradient with the reparameterization's pull-back of ∂L/∂z.
 */
public final class GaussianKl {

    private final int k;
    private final int samples;
    private final float[] eps;
    private final float[] z;
    private final float[] dz;

    public GaussianKl(int k, int samples, int capacity) {
        this.k = k;
        this.samples = samples;
        this.eps = new float[capacity * samples * k];
        this.z = new float[capacity * samples * k];
        this.dz = new float[capacity * samples * k];
    }

    /** Draws ε and writes z(S·m, k), replica s in rows [s·m, (s+1)·m); returns z. */
    public float[] sample(float[] head, int m, SplitMix64 rng) {
        Draws.gaussian(eps, samples * m * k, rng);
        Penalties.reparameterize(head, m, k, eps, samples, z);
        return z;
    }

    /** Σ over the m rows of KL(q(z|x) ‖ N(0, I)). */
    public static double klSum(float[] head, int m, int k) {
        return Penalties.gaussianKl(head, m, k);
    }

    /** z of the last {@link #sample}. */
    public float[] latent() {
        return z;
    }

    /** Where the decoder's backward writes ∂L/∂z. */
    public float[] zGradient() {
        return dz;
    }

    /** The ε of the last {@link #sample}. */
    public float[] epsilon() {
        return eps;
    }

    /** dhead(m, 2k) = klScale·∂KL/∂(μ, log σ²) + pull-back of {@link #zGradient()}. */
    public void backward(float[] head, int m, float klScale, float[] dhead) {
        Penalties.variationalHeadBackward(head, m, k, eps, dz, samples, klScale, dhead);
    }
}
