package dev.hourglass.engine.variant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.TrainingConfig;

/**
 * A headline autoencoder and the slot it fills: DENOISING the corruption slot (noise), SPARSE and
 * CONTRACTIVE the regularizer slot, VARIATIONAL the latent slot, STACKED the plan. Other blocks may
 * be added to any headline (a sparse denoising autoencoder is SPARSE with noise).
 */
public enum Variant {
    BASIC, DENOISING, SPARSE, CONTRACTIVE, VARIATIONAL, STACKED;

    /** A reason to refuse a spec, naming the training-spec field it concerns. */
    public record Problem(String field, String reason) {
    }

    /**
     * Everything wrong with training {@code spec} under {@code config} as this headline, in field order;
     * empty when the engine will accept it. Field names are those of the HTTP training spec
     * ("noise", "sparsity", "contractive", "variational", "stacked", "activation", "loss", …). The
     * {@link dev.hourglass.engine.train.Trainer} refuses the same combinations with an
     * IllegalArgumentException.
     */
    public List<Problem> problems(ArchitectureSpec spec, TrainingConfig config) {
        List<Problem> p = new ArrayList<>();
        Regularization reg = config.regularization();
        switch (this) {
            case BASIC -> { }
            case DENOISING -> require(p, reg.noise() != null, "noise", "DENOISING needs a noise block");
            case SPARSE -> require(p, reg.sparsity() != null, "sparsity", "SPARSE needs a sparsity block");
            case CONTRACTIVE -> require(p, reg.contractive() != null, "contractive",
                    "CONTRACTIVE needs a contractive block");
            case VARIATIONAL -> require(p, spec.isVariational(), "variational", "VARIATIONAL needs a variational block");
            case STACKED -> require(p, config.stacking() != null, "stacked", "STACKED needs a stacked block");
        }
        if (this != VARIATIONAL && spec.isVariational()) {
            p.add(new Problem("variational", "only a VARIATIONAL autoencoder takes a variational block"));
        }
        if (this != STACKED && config.stacking() != null) {
            p.add(new Problem("stacked", "only a STACKED autoencoder takes a stacked block"));
        }
        if (spec.isVariational()) {
            if (spec.variational().likelihood() == Likelihood.BERNOULLI && spec.outputActivation() != Activation.SIGMOID) {
                p.add(new Problem("outputActivation", "a BERNOULLI likelihood needs a SIGMOID output activation, got "
                        + spec.outputActivation()));
            }
        } else if (config.loss() == LossKind.BCE && spec.outputActivation() != Activation.SIGMOID) {
            p.add(new Problem("loss", "BCE needs a SIGMOID output activation, got " + spec.outputActivation()));
        }
        if (reg.sparsity() != null) {
            if (spec.isVariational()) {
                p.add(new Problem("sparsity", "the sparsity penalty needs a SIGMOID code layer; a variational latent "
                        + "is not one"));
            } else if (spec.codeActivation() != Activation.SIGMOID) {
                p.add(new Problem("codeActivation", "the sparsity penalty needs code activations in (0, 1): "
                        + "codeActivation must be SIGMOID, got " + spec.codeActivation()));
            } else if (config.stacking() != null && spec.encoder().length > 1 && spec.activation() != Activation.SIGMOID) {
                p.add(new Problem("activation", "stacked with sparsity: every layer-wise phase penalizes its own code, "
                        + "so every hidden layer must be SIGMOID, got " + spec.activation()));
            }
        }
        if (reg.contractive() != null && spec.isVariational()) {
            p.add(new Problem("contractive", "the contractive penalty does not apply to a variational autoencoder"));
        }
        if (config.stacking() != null) {
            if (spec.isVariational()) {
                p.add(new Problem("stacked", "stacking does not apply to a variational autoencoder"));
            } else if (spec.decoder() != null && !Arrays.equals(spec.decoder(), spec.mirroredDecoder())) {
                p.add(new Problem("decoder", "stacking needs the mirrored decoder " + Arrays.toString(spec.mirroredDecoder())
                        + ", got " + Arrays.toString(spec.decoder())));
            }
        }
        return p;
    }

    private static void require(List<Problem> p, boolean ok, String field, String reason) {
        if (!ok) {
            p.add(new Problem(field, reason));
        }
    }
}
