package dev.hourglass.engine.spec;

/**
 * Makes the autoencoder variational: a linear head maps the last hidden layer to (μ | log σ²),
 * z = μ + σ ⊙ ε with ε ~ N(0, I), and the loss per row is reconstruction + klWeight · KL(q(z|x) ‖ N(0, I)).
 *
 * @param latentDim width of z
 * @param klWeight  β ≥ 0 in front of the KL term
 * @param samples   draws of ε per row and batch; the reconstruction term is their mean
 */
public record Variational(int latentDim, float klWeight, Likelihood likelihood, int samples) {

    public Variational {
        if (latentDim <= 0) {
            throw new IllegalArgumentException("latentDim must be positive: " + latentDim);
        }
        if (!(klWeight >= 0f && Float.isFinite(klWeight))) {
            throw new IllegalArgumentException("klWeight must be finite and ≥ 0: " + klWeight);
        }
        if (likelihood == null) {
            throw new IllegalArgumentException("likelihood is required");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1: " + samples);
        }
    }
}
