package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks that turn a plain autoencoder into a denoising, sparse or contractive one; each is
 * nullable and they compose (noise + sparsity is a sparse denoising autoencoder).
 */
public record Regularization(Noise noise, Sparsity sparsity, Contractive contractive) {

    public static final Regularization NONE = new Regularization(null, null, null);

    /** Everything wrong with the blocks that are set, by field ("noise.level", "sparsity.target", …). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (noise != null) {
            p.addAll(Problem.under("noise", noise.problems()));
        }
        if (sparsity != null) {
            p.addAll(Problem.under("sparsity", sparsity.problems()));
        }
        if (contractive != null) {
            p.addAll(Problem.under("contractive", contractive.problems()));
        }
        return p;
    }
}
