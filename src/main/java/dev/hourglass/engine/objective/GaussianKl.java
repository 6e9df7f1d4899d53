package dev.hourglass.engine.objective;

import java.util.List;
import java.util.Map;

import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.kernel.Penalties;
import dev.hourglass.engine.spec.Variational;

/**
 * The latent of a variational autoencoder and its penalty. From the head (m, 2k) = (μ | log σ²) it
 * draws z = μ + σ ⊙ ε (S copies of the batch, ε ~ N(0, I)) for the decoder: the reparameterization,
 * which the network calls between encoder and decoder. The term is β · KL(N(μ, σ²) ‖ N(0, I)) per row,
 * KL = −½ Σ_l (1 + log σ²_l − μ_l² − σ²_l); its backward writes the head's gradient, the β-weighted KL
 * gradient plus the reparameterization's pull-back of ∂L/∂z. Metrics: "kl" (unweighted, per row) and,
 * per epoch, "elbo" = −(reconstruction + kl).
 */
public final class GaussianKl implements Term {

    private final float klWeight;
    private final int k;
    private final int samples;
    private final int head;
    private final float[] eps;
    private final float[] z;
    private final float[] dz;

    GaussianKl(Variational settings, Network network, int capacity) {
        this.klWeight = settings.klWeight();
        this.k = settings.latentDim();
        this.samples = settings.samples();
        this.head = network.codeLayer();
        this.eps = new float[capacity * samples * k];
        this.z = new float[capacity * samples * k];
        this.dz = new float[capacity * samples * k];
    }

    /** Draws ε from the pass's stream and returns z(S·m, k), copy s of the batch in rows [s·m, (s+1)·m). */
    public float[] sample(Pass pass) {
        int m = pass.rows();
        Draws.gaussian(eps, samples * m * k, pass.rng());
        Penalties.reparameterize(pass.activations(head), m, k, eps, samples, z);
        return z;
    }

    /** z of the last {@link #sample}: the decoder's input. */
    public float[] sampled() {
        return z;
    }

    /** Where the decoder's first layer writes ∂L/∂z. */
    public float[] latentGradient() {
        return dz;
    }

    /** The ε of the last {@link #sample}. */
    public float[] epsilon() {
        return eps;
    }

    /** dhead(m, 2k) = β/m · ∂KL/∂(μ, log σ²) + the pull-back of {@link #latentGradient()}. */
    public void backward(Pass pass, float[] dhead) {
        int m = pass.rows();
        Penalties.variationalHeadBackward(pass.activations(head), m, k, eps, dz, samples, klWeight / m, dhead);
    }

    @Override
    public List<String> metrics() {
        return List.of("kl");
    }

    @Override
    public double forward(Pass pass, double[] values, int offset) {
        values[offset] = Penalties.gaussianKl(pass.activations(head), pass.rows(), k) / pass.rows();
        return klWeight * values[offset];
    }

    @Override
    public double epochContribution(EpochSums sums) {
        return klWeight * sums.sum("kl");
    }

    @Override
    public void epochMetrics(EpochSums sums, Map<String, Double> out) {
        out.put("kl", sums.mean("kl"));
        out.put("elbo", -(sums.sum("reconstruction") + sums.sum("kl")) / sums.rows());
    }
}
