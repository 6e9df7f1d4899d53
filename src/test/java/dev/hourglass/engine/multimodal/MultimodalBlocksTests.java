package dev.hourglass.engine.multimodal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.Problem;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.engine.spec.Variational;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingState;
import org.junit.jupiter.api.Test;

/**
 * A multimodal network with the other blocks where the math allows them (noise, weight decay, the
 * contractive penalty, the alignment term), resumed from a checkpoint bit for bit; stacked, variational
 * and typed-table multimodal networks are refused by field.
 */
class MultimodalBlocksTests {

    static final Multimodal TWO_VIEWS = new Multimodal(List.of(new Multimodal.Modality("a", TwoViewsTests.A, new int[] {16}),
            new Multimodal.Modality("b", TwoViewsTests.B, new int[] {16})), Multimodal.DEFAULT_SINGLE_FRACTION, 0.5f);

    static AutoencoderSpec spec(Regularization reg, float weightDecay, int epochs, Stacking stacking, Variational vae) {
        int width = TwoViewsTests.A + TwoViewsTests.B;
        ArchitectureSpec shape = new ArchitectureSpec(width, TWO_VIEWS.encoderWidths(new int[] {4}), null, Activation.TANH,
                Activation.LINEAR, false, vae, null, null, TWO_VIEWS);
        TrainingConfig training = new TrainingConfig(epochs, 32, OptimizerKind.ADAM, 3e-3f, 0.9f, weightDecay, LossKind.MSE,
                0.2, 5, 2, reg, stacking);
        return new AutoencoderSpec(Variant.MULTIMODAL, shape, training, Normalization.ZSCORE);
    }

    @Test
    void noiseWeightDecayAndTheContractivePenaltyTrainBesideTheAlignment() {
        Regularization reg = new Regularization(new Noise(NoiseKind.GAUSSIAN, 0.1f), null, new Contractive(1e-3f));
        MultimodalTests.Last run = new MultimodalTests.Last();
        Engine.train(new Engine.Matrix(TwoViewsTests.views(3), TwoViewsTests.ROWS, TwoViewsTests.A + TwoViewsTests.B),
                spec(reg, 1e-4f, 6, null, null), run, null);
        double first = run.epochs.get(0).trainLoss();
        double last = run.epochs.get(run.epochs.size() - 1).trainLoss();
        assertTrue(last < first, first + " → " + last);
        assertTrue(run.terms().containsKey("contractive") && run.terms().containsKey("codeCorrelation")
                && run.terms().containsKey("reconstructionCorrupted"), run.terms().toString());
    }

    @Test
    void aRunResumedFromItsFirstEpochsCheckpointEndsWithTheSameWeights() {
        AutoencoderSpec spec = spec(Regularization.NONE, 0f, 3, null, null);
        int width = TwoViewsTests.A + TwoViewsTests.B;
        List<byte[]> states = new ArrayList<>();
        Engine.Outcome straight = Engine.train(new Engine.Matrix(TwoViewsTests.views(3), TwoViewsTests.ROWS, width), spec,
                new TrainingListener() {
                    @Override
                    public void onEpoch(dev.hourglass.engine.train.EpochReport report, TrainingState state) {
                        states.add(state.toBytes());
                    }
                }, null);
        Engine.Outcome resumed = Engine.train(new Engine.Matrix(TwoViewsTests.views(3), TwoViewsTests.ROWS, width), spec,
                TrainingListener.NONE, TrainingState.fromBytes(states.get(0)));
        for (int p = 0; p < straight.model().parameters().size(); p++) {
            assertArrayEquals(straight.model().parameters().get(p), resumed.model().parameters().get(p), "array " + p);
        }
    }

    @Test
    void stackedAndVariationalMultimodalNetworksAreRefusedByField() {
        List<String> stacked = spec(Regularization.NONE, 0f, 1, new Stacking(1, true), null).problems(null).stream()
                .map(Problem::field).toList();
        assertTrue(stacked.contains("training.stacking"), stacked.toString());
        List<String> variational = spec(Regularization.NONE, 0f, 1, null,
                new Variational(4, 1f, dev.hourglass.engine.spec.Likelihood.GAUSSIAN, 1)).problems(null).stream()
                .map(Problem::field).toList();
        assertTrue(variational.contains("architecture.variational"), variational.toString());
    }

    @Test
    void modalityWidthsThatWouldOverflowALayerAreAProblem() {
        Multimodal huge = new Multimodal(List.of(new Multimodal.Modality("a", Integer.MAX_VALUE, new int[] {1}),
                new Multimodal.Modality("b", Integer.MAX_VALUE, new int[] {1}), new Multimodal.Modality("c", 5, new int[] {1})),
                0.5f, 0f);
        List<String> fields = huge.problems().stream().map(Problem::field).toList();
        assertTrue(fields.contains("modalities"), fields.toString());
    }
}
