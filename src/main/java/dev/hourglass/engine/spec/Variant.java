package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A headline autoencoder and the block it stands for: DENOISING the corruption (noise), SPARSE and
 * CONTRACTIVE a penalty term, VARIATIONAL the Gaussian latent and its KL term, STACKED the layer-wise
 * plan, MULTIMODAL the modalities' branches and presentations. The blocks compose: any headline may add the blocks that fit it (a sparse denoising
 * autoencoder is SPARSE with a noise block); which terms train comes from the blocks themselves
 * (see {@code dev.hourglass.engine.objective.Objective}).
 */
public enum Variant {
    BASIC, DENOISING, SPARSE, CONTRACTIVE, VARIATIONAL, STACKED, MULTIMODAL;

    /** The headline's own block missing, or another headline's block present, by engine path. */
    List<Problem> problems(ArchitectureSpec architecture, TrainingConfig training) {
        List<Problem> p = new ArrayList<>();
        Regularization r = training.regularization();
        switch (this) {
            case BASIC -> { }
            case DENOISING -> require(p, r.noise() != null, "training.noise", "DENOISING needs a noise block");
            case SPARSE -> require(p, r.sparsity() != null, "training.sparsity", "SPARSE needs a sparsity block");
            case CONTRACTIVE -> require(p, r.contractive() != null, "training.contractive",
                    "CONTRACTIVE needs a contractive block");
            case VARIATIONAL -> require(p, architecture.isVariational(), "architecture.variational",
                    "VARIATIONAL needs a variational block");
            case STACKED -> require(p, training.stacking() != null, "training.stacking", "STACKED needs a stacked block");
            case MULTIMODAL -> require(p, architecture.multimodal() != null, "architecture.multimodal",
                    "MULTIMODAL needs its modalities");
        }
        if (this != VARIATIONAL && architecture.isVariational()) {
            p.add(new Problem("architecture.variational", "only a VARIATIONAL autoencoder takes a variational block"));
        }
        if (this != MULTIMODAL && architecture.multimodal() != null) {
            p.add(new Problem("architecture.multimodal", "only a MULTIMODAL autoencoder takes modalities"));
        }
        if (this != STACKED && training.stacking() != null) {
            p.add(new Problem("training.stacking", "only a STACKED autoencoder takes a stacked block"));
        }
        return p;
    }

    private static void require(List<Problem> p, boolean ok, String field, String reason) {
        if (!ok) {
            p.add(new Problem(field, reason));
        }
    }
}
