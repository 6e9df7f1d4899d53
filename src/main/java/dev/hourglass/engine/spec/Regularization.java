package dev.hourglass.engine.spec;

/**
 * The blocks that turn a plain autoencoder into a denoising, sparse or contractive one; each is
 * nullable and they compose (noise + sparsity is a sparse denoising autoencoder).
 */
public record Regularization(Noise noise, Sparsity sparsity, Contractive contractive) {

    public static final Regularization NONE = new Regularization(null, null, null);

    /** Whether no block is set. */
    public boolean isNone() {
        return noise == null && sparsity == null && contractive == null;
    }
}
