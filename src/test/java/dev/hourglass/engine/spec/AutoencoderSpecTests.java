package dev.hourglass.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Trainer;
import org.junit.jupiter.api.Test;

/** The one place that decides what the engine trains, and the trainer refusing the same. */
class AutoencoderSpecTests {

    private static final float[] DATA = new float[20 * 8];
    private static final DataProfile PROFILE = new DataProfile(20, 8, true);

    private static ArchitectureSpec spec(Activation hidden, Activation out, Variational vae, int... encoder) {
        return new ArchitectureSpec(8, encoder, null, hidden, out, false, vae);
    }

    private static TrainingConfig config(LossKind loss, Regularization reg, Stacking stacking) {
        return new TrainingConfig(1, 5, OptimizerKind.ADAM, 1e-3f, 0f, 0f, loss, 0, 1, 1, reg, stacking);
    }

    private static List<Problem> problems(Variant v, ArchitectureSpec spec, TrainingConfig config) {
        return new AutoencoderSpec(v, spec, config, Normalization.MINMAX).problems(PROFILE);
    }

    private static void accepted(Variant v, ArchitectureSpec spec, TrainingConfig config) {
        assertEquals(List.of(), problems(v, spec, config), v.toString());
        assertDoesNotThrow(() -> new Trainer().train(Autoencoder.initialize(spec, 1), DATA, 20, config, null, null));
    }

    /** Refused naming {@code field} first; {@code trainerToo}: a rule of the math, which the trainer enforces too. */
    private static void refused(Variant v, ArchitectureSpec spec, TrainingConfig config, String field, boolean trainerToo) {
        List<Problem> problems = problems(v, spec, config);
        assertEquals(field, problems.isEmpty() ? null : problems.get(0).field(), v + " " + problems);
        if (trainerToo) {
            assertThrows(IllegalArgumentException.class,
                    () -> new Trainer().train(Autoencoder.initialize(spec, 1), DATA, 20, config, null, null));
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
                "architecture.codeActivation", true);
        // A sigmoid code under ReLU layers suits one stage, not stacking: each layer-wise phase penalizes its own code.
        ArchitectureSpec sigmoidCode = new ArchitectureSpec(8, new int[] {5, 4}, null, Activation.RELU, Activation.SIGMOID,
                false, null, Activation.SIGMOID);
        refused(Variant.STACKED, sigmoidCode, config(LossKind.MSE, new Regularization(null, new Sparsity(0.05f, 1f), null),
                new Stacking(1, true)), "architecture.activation", true);
        accepted(Variant.SPARSE, sigmoidCode, config(LossKind.MSE, new Regularization(null, new Sparsity(0.05f, 1f), null),
                null));
        refused(Variant.BASIC, spec(Activation.RELU, Activation.LINEAR, null, 6), config(LossKind.BCE, null, null),
                "training.loss", true);
        refused(Variant.VARIATIONAL, spec(Activation.RELU, Activation.LINEAR,
                new Variational(2, 1f, Likelihood.BERNOULLI, 1), 6), config(LossKind.MSE, null, null),
                "architecture.outputActivation", true);
        refused(Variant.VARIATIONAL, vae, config(LossKind.MSE, new Regularization(null, null, new Contractive(1f)), null),
                "training.contractive", true);
        refused(Variant.VARIATIONAL, vae, config(LossKind.MSE, new Regularization(null, new Sparsity(0.1f, 1f), null),
                null), "training.sparsity", true);
        refused(Variant.STACKED, vae, config(LossKind.MSE, null, new Stacking(1, true)), "architecture.variational", true);
        refused(Variant.STACKED, new ArchitectureSpec(8, new int[] {6, 4}, new int[] {5}, Activation.RELU,
                Activation.SIGMOID, false), config(LossKind.MSE, null, new Stacking(1, true)), "architecture.decoder", true);
        // headline without its block: a rule of the headlines, the trainer itself trains the plain model
        refused(Variant.DENOISING, relu, config(LossKind.MSE, null, null), "training.noise", false);
        refused(Variant.VARIATIONAL, relu, config(LossKind.MSE, null, null), "architecture.variational", false);
        refused(Variant.BASIC, relu, config(LossKind.MSE, null, new Stacking(1, false)), "training.stacking", false);
    }

    @Test
    void valuesOutOfRangeAreProblemsOfTheirBlockNotExceptions() {
        TrainingConfig bad = config(LossKind.MSE, new Regularization(new Noise(NoiseKind.MASKING, 1f),
                new Sparsity(0f, -1f), new Contractive(Float.NaN)), new Stacking(0, false));
        assertThat(bad.problems()).extracting(Problem::field).containsExactly("noise.level", "sparsity.target",
                "sparsity.weight", "contractive.weight", "stacking");
        ArchitectureSpec shape = new ArchitectureSpec(8, new int[] {6, 0}, new int[] {-2}, Activation.RELU,
                Activation.SIGMOID, true, new Variational(0, 1f, null, 0));
        assertThat(shape.problems()).extracting(Problem::field).containsExactly("encoder[1]", "decoder[0]",
                "variational.latentDim", "variational.likelihood", "variational.samples", "tiedWeights", "decoder");
        assertThrows(IllegalArgumentException.class, () -> Autoencoder.initialize(shape, 1));
        assertThrows(IllegalArgumentException.class, () -> new Trainer().train(Autoencoder.initialize(
                spec(Activation.RELU, Activation.SIGMOID, null, 4), 1), DATA, 20, bad, null, null));
    }

    @Test
    void theDataDecidesWhatTargetsAndSizesWork() {
        ArchitectureSpec sigmoid = spec(Activation.SIGMOID, Activation.SIGMOID, null, 6, 4);
        AutoencoderSpec bce = new AutoencoderSpec(Variant.BASIC, sigmoid, config(LossKind.BCE, null, null),
                Normalization.NONE);
        assertThat(bce.problems(new DataProfile(20, 8, false))).extracting(Problem::field).containsExactly("training.loss");
        assertThat(bce.problems(new DataProfile(20, 8, true))).isEmpty();
        assertThat(bce.problems(new DataProfile(20, 9, true))).extracting(Problem::field)
                .containsExactly("architecture.inputDim");
        AutoencoderSpec zscore = new AutoencoderSpec(Variant.BASIC, sigmoid, config(LossKind.MSE, null, null),
                Normalization.ZSCORE);
        assertThat(zscore.problems(null)).extracting(Problem::field).containsExactly("architecture.outputActivation");
        AutoencoderSpec held = new AutoencoderSpec(Variant.BASIC, sigmoid, new TrainingConfig(1, 5, OptimizerKind.ADAM,
                1e-3f, 0f, 0f, LossKind.MSE, 0.9, 1, 1), Normalization.MINMAX);
        assertThat(held.problems(new DataProfile(1, 8, true))).extracting(Problem::field)
                .containsExactly("training.validationFraction");
    }

    @Test
    void theParameterCountIsTheBuiltNetworksOwn() {
        for (ArchitectureSpec a : new ArchitectureSpec[] {
                spec(Activation.RELU, Activation.SIGMOID, null, 6, 4),
                new ArchitectureSpec(8, new int[] {6, 4}, null, Activation.RELU, Activation.SIGMOID, true),
                new ArchitectureSpec(8, new int[] {6, 4}, new int[] {5, 7}, Activation.RELU, Activation.SIGMOID, false),
                spec(Activation.RELU, Activation.SIGMOID, new Variational(3, 1f, Likelihood.BERNOULLI, 2), 6, 5)}) {
            assertEquals(Autoencoder.initialize(a, 1).parameterCount(), a.parameterCount(), a.toString());
        }
    }
}
