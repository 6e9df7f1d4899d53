package dev.hourglass.engine.variant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.train.Trainer;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;

class VariantTests {

    private static final float[] DATA = new float[20 * 8];

    private static ArchitectureSpec spec(Activation hidden, Activation out, Variational vae, int... encoder) {
        return new ArchitectureSpec(8, encoder, null, hidden, out, false, vae);
    }

    private static TrainingConfig config(LossKind loss, Regularization reg, Stacking stacking) {
        return new TrainingConfig(1, 5, OptimizerKind.ADAM, 1e-3f, 0f, 0f, loss, 0, 1, 1, reg, stacking);
    }

    private static void accepted(Variant v, ArchitectureSpec spec, TrainingConfig config) {
        assertEquals(List.of(), v.problems(spec, config), v.toString());
        assertDoesNotThrow(() -> new Trainer().train(Autoencoder.initialize(spec, 1), DATA, 20, config, null, null, null));
    }

    private static void refused(Variant v, ArchitectureSpec spec, TrainingConfig config, String field, boolean engineToo) {
        List<Variant.Problem> problems = v.problems(spec, config);
        assertEquals(field, problems.isEmpty() ? null : problems.get(0).field(), v + " " + problems);
        if (engineToo) {
            assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().train(Autoencoder.initialize(spec, 1), DATA, 20, config, null, null, null));
        }
    }

    @Test
    void eachHeadlineWithItsBlockIsAccepted() {
        ArchitectureSpec sigmoid = spec(Activation.SIGMOID, Activation.SIGMOID, null, 6, 4);
        accepted(Variant.BASIC, sigmoid, config(LossKind.BCE, null, null));
        accepted(Variant.DENOISING, sigmoid, config(LossKind.MSE,
                new Regularization(new Noise(NoiseKind.GAUSSIAN, 0.1f), null, null), null));
        accepted(Variant.SPARSE, sigmoid, config(LossKind.MSE,
                new Regularization(new Noise(NoiseKind.MASKING, 0.1f), new Sparsity(0.05f, 1f), null), null));
        accepted(Variant.CONTRACTIVE, sigmoid, config(LossKind.MSE,
                new Regularization(null, null, new Contractive(0.1f)), null));
        accepted(Variant.VARIATIONAL, spec(Activation.RELU, Activation.LINEAR,
                new Variational(2, 1f, Likelihood.GAUSSIAN, 1), 6), config(LossKind.BCE, null, null));
        accepted(Variant.STACKED, sigmoid, config(LossKind.MSE,
                new Regularization(null, new Sparsity(0.1f, 1f), new Contractive(0.1f)), new Stacking(1, true)));
    }

    @Test
    void combinationsTheMathDoesNotCoverAreRefusedByFieldHereAndByTheTrainer() {
        ArchitectureSpec relu = spec(Activation.RELU, Activation.SIGMOID, null, 6, 4);
        ArchitectureSpec vae = spec(Activation.RELU, Activation.SIGMOID, new Variational(2, 1f, Likelihood.BERNOULLI, 1), 6);
        refused(Variant.SPARSE, relu, config(LossKind.MSE, new Regularization(null, new Sparsity(0.05f, 1f), null), null),
                "codeActivation", true);
        // A sigmoid code under ReLU layers suits one stage, not stacking: each layer-wise phase penalizes its own code.
        ArchitectureSpec sigmoidCode = new ArchitectureSpec(6, new int[] {5, 4}, null, Activation.RELU, Activation.SIGMOID,
                false, null, Activation.SIGMOID);
        refused(Variant.STACKED, sigmoidCode, config(LossKind.MSE, new Regularization(null, new Sparsity(0.05f, 1f), null),
                new Stacking(1, true)), "activation", true);
        accepted(Variant.SPARSE, sigmoidCode, config(LossKind.MSE, new Regularization(null, new Sparsity(0.05f, 1f), null), null));
        refused(Variant.BASIC, spec(Activation.RELU, Activation.LINEAR, null, 6), config(LossKind.BCE, null, null),
                "loss", true);
        refused(Variant.VARIATIONAL, spec(Activation.RELU, Activation.LINEAR,
                new Variational(2, 1f, Likelihood.BERNOULLI, 1), 6), config(LossKind.MSE, null, null),
                "outputActivation", true);
        refused(Variant.VARIATIONAL, vae, config(LossKind.MSE, new Regularization(null, null, new Contractive(1f)), null),
                "contractive", true);
        refused(Variant.VARIATIONAL, vae, config(LossKind.MSE, new Regularization(null, new Sparsity(0.1f, 1f), null),
                null), "sparsity", true);
        refused(Variant.STACKED, vae, config(LossKind.MSE, null, new Stacking(1, true)), "variational", true);
        refused(Variant.STACKED, new ArchitectureSpec(8, new int[] {6, 4}, new int[] {5}, Activation.RELU,
                Activation.SIGMOID, false), config(LossKind.MSE, null, new Stacking(1, true)), "decoder", true);
        // headline without its block: an HTTP-level rule, the engine itself trains the plain model
        refused(Variant.DENOISING, relu, config(LossKind.MSE, null, null), "noise", false);
        refused(Variant.VARIATIONAL, relu, config(LossKind.MSE, null, null), "variational", false);
        refused(Variant.BASIC, relu, config(LossKind.MSE, null, new Stacking(1, false)), "stacked", false);
    }
}
