package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.toDouble;
import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.objective.Objective;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.TrainingConfig;
import org.junit.jupiter.api.Test;

class AutoencoderTests {

    private static final int M = 3;

    private static ArchitectureSpec spec(Activation hidden, Activation out, boolean tied) {
        return new ArchitectureSpec(5, new int[] {4, 3}, null, hidden, out, tied);
    }

    /** Analytic gradients of the model against central differences of {@link ReferenceNet}. */
    private static void checkGradients(ArchitectureSpec spec, LossKind loss) {
        Autoencoder model = Autoencoder.initialize(spec, 42);
        float[] x = uniform(9, M * spec.inputDim(), 0.05f, 0.95f);
        Autoencoder.Workspace ws = model.workspace(M, Objective.create(model.network(),
                VariantGradientTests.config(loss, Regularization.NONE), loss, M));
        System.arraycopy(x, 0, ws.input, 0, x.length);
        double value = model.step(ComputeContext.serial(), ws, M, new SplitMix64(1), Autoencoder.Mode.TRAIN);

        ReferenceNet ref = new ReferenceNet(model);
        double[] theta = ReferenceNet.flatten(model.parameters());
        double[] xd = toDouble(x);
        String name = spec + " " + loss;
        assertEquals(ref.loss(theta, xd, M, loss, 0), value, 1e-6 * Math.abs(value), name + " loss");
        assertClose(ref.numericGradient(theta, xd, M, loss, 0), ReferenceNet.flatten(model.gradients()),
                2e-6, 1e-3, name + " gradient");
    }

    @Test
    void aModelBuiltForInferenceHoldsNoGradientsAndAnswersAsTheTrainableOne() {
        for (boolean tied : new boolean[] {false, true}) {
            Autoencoder trained = Autoencoder.initialize(spec(Activation.TANH, Activation.SIGMOID, tied), 42);
            Autoencoder served = Autoencoder.forInference(trained.spec());
            served.setParameters(trained.parameters());
            float[] x = uniform(9, M * trained.inputDim(), 0.05f, 0.95f);

            assertEquals(trained.parameterCount(), trained.gradientValues());
            assertEquals(0, served.gradientValues());
            assertArrayEquals(trained.reconstruct(x, M), served.reconstruct(x, M));
            assertArrayEquals(trained.encode(x, M), served.encode(x, M));
            assertThrows(IllegalStateException.class, served::gradients, "training a model built for inference");
        }
    }

    @Test
    void gradientsMatchCentralDifferencesForEveryHiddenActivation() {
        for (Activation a : Activation.values()) {
            checkGradients(spec(a, Activation.SIGMOID, false), LossKind.MSE);
            checkGradients(spec(a, Activation.LINEAR, false), LossKind.MSE);
        }
    }

    @Test
    void gradientsMatchCentralDifferencesWithTiedWeights() {
        for (Activation a : Activation.values()) {
            checkGradients(spec(a, Activation.SIGMOID, true), LossKind.MSE);
        }
        checkGradients(spec(Activation.TANH, Activation.SIGMOID, true), LossKind.BCE);
    }

    @Test
    void crossEntropyGradientsFlowFromTheLogits() {
        for (Activation a : new Activation[] {Activation.RELU, Activation.SIGMOID}) {
            checkGradients(spec(a, Activation.SIGMOID, false), LossKind.BCE);
        }
        checkGradients(new ArchitectureSpec(5, new int[] {3}, new int[] {6, 4}, Activation.TANH,
                Activation.SIGMOID, false), LossKind.BCE);
    }

    @Test
    void weightDecayAddsTwoLambdaWToWeightsButNotBiases() {
        // One SGD step with lr η moves θ by −η·∇(loss + λ‖W‖²); recover that gradient from the step.
        float lr = 1e-3f;
        float lambda = 0.05f;
        for (boolean tied : new boolean[] {false, true}) {
            ArchitectureSpec spec = spec(Activation.TANH, Activation.SIGMOID, tied);
            Autoencoder model = Autoencoder.initialize(spec, 5);
            float[] x = uniform(3, M * 5, 0f, 1f);
            double[] before = ReferenceNet.flatten(model.parameters());
            ReferenceNet ref = new ReferenceNet(model);
            double[] expected = ref.numericGradient(before.clone(), toDouble(x), M, LossKind.MSE, lambda);
            TrainingConfig config = new TrainingConfig(1, M, dev.hourglass.engine.optim.OptimizerKind.SGD, lr, 0f,
                    lambda, LossKind.MSE, 0.0, 1, 1);
            new Trainer().train(model, x, M, config, null, null);
            double[] after = ReferenceNet.flatten(model.parameters());
            double[] effective = new double[before.length];
            for (int i = 0; i < before.length; i++) {
                effective[i] = (before[i] - after[i]) / lr;
            }
            // the step is taken in float: |Δθ| ~ 1e-4 resolved to ~6e-8 → gradient error ~1e-4
            assertClose(expected, effective, 3e-4, 2e-2, "tied=" + tied);
        }
    }

    @Test
    void initializationIsDeterministicInTheSeed() {
        ArchitectureSpec spec = spec(Activation.RELU, Activation.SIGMOID, false);
        double[] a = ReferenceNet.flatten(Autoencoder.initialize(spec, 1).parameters());
        double[] b = ReferenceNet.flatten(Autoencoder.initialize(spec, 1).parameters());
        double[] c = ReferenceNet.flatten(Autoencoder.initialize(spec, 2).parameters());
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);
    }

    @Test
    void parametersComeLayerByLayerWeightThenBias() {
        Autoencoder model = Autoencoder.initialize(
                new ArchitectureSpec(784, new int[] {256, 64}, null, Activation.RELU, Activation.SIGMOID, false), 0);
        int[] lengths = model.parameters().stream().mapToInt(p -> p.length).toArray();
        assertArrayEquals(new int[] {784 * 256, 256, 256 * 64, 64, 64 * 256, 256, 256 * 784, 784}, lengths);
        assertEquals(435_536, model.parameterCount());
        assertEquals(64, model.codeDim());

        Autoencoder tied = Autoencoder.initialize(
                new ArchitectureSpec(784, new int[] {256, 64}, null, Activation.RELU, Activation.SIGMOID, true), 0);
        int[] tiedLengths = tied.parameters().stream().mapToInt(p -> p.length).toArray();
        assertArrayEquals(new int[] {784 * 256, 256, 256 * 64, 64, 256, 784}, tiedLengths);
        assertSame(tied.layers()[0].weight(), tied.layers()[3].weight());
    }

    @Test
    void tiedWeightsRequireTheMirroredDecoder() {
        assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.initialize(new ArchitectureSpec(10, new int[] {8, 4}, new int[] {6},
                Activation.RELU, Activation.LINEAR, true), 1));
        new ArchitectureSpec(10, new int[] {8, 4}, new int[] {8}, Activation.RELU, Activation.LINEAR, true);
    }

    @Test
    void setParametersCopiesInAndRejectsWrongLengths() {
        ArchitectureSpec spec = spec(Activation.RELU, Activation.SIGMOID, false);
        Autoencoder a = Autoencoder.initialize(spec, 1);
        Autoencoder b = Autoencoder.initialize(spec, 2);
        b.setParameters(a.parameters());
        assertArrayEquals(ReferenceNet.flatten(a.parameters()), ReferenceNet.flatten(b.parameters()));
        List<float[]> wrong = new ArrayList<>(a.parameters());
        wrong.set(1, new float[3]);
        assertThrows(IllegalArgumentException.class, () -> b.setParameters(wrong));
        assertThrows(IllegalArgumentException.class, () -> b.setParameters(List.of()));
    }

    @Test
    void reconstructIsDecodeOfEncodeAndMatchesTheReference() {
        ArchitectureSpec spec = new ArchitectureSpec(20, new int[] {16, 9}, new int[] {11}, Activation.LEAKY_RELU,
                Activation.SIGMOID, false);
        Autoencoder model = Autoencoder.initialize(spec, 3);
        int count = 13;
        float[] x = uniform(4, count * 20, 0f, 1f);
        float[] codes = model.encode(x, count);
        assertEquals(count * 9, codes.length);
        float[] decoded = model.decode(codes, count);
        assertArrayEquals(decoded, model.reconstruct(x, count), 0f);
        // single rows give the same answer as a batch, bit for bit
        float[] row = new float[20];
        System.arraycopy(x, 20 * 5, row, 0, 20);
        float[] one = model.reconstruct(row, 1);
        for (int j = 0; j < 20; j++) {
            assertEquals(decoded[5 * 20 + j], one[j], 0f);
        }
        assertThrows(IllegalArgumentException.class, () -> model.encode(new float[19], 1));
    }

    @Test
    void concurrentInferenceOnOneInstanceGivesTheSameAnswers() throws Exception {
        Autoencoder model = Autoencoder.initialize(
                new ArchitectureSpec(64, new int[] {32, 8}, null, Activation.RELU, Activation.SIGMOID, false), 3);
        float[] x = uniform(5, 17 * 64, 0f, 1f);
        float[] expected = model.reconstruct(x, 17);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> model.reconstruct(x, 17)));
            }
            for (Future<float[]> f : results) {
                assertArrayEquals(expected, f.get(), 0f);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
