package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.toDouble;
import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.objective.JacobianPenalty;
import dev.hourglass.engine.objective.Objective;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Test;

/**
 * The whole objective of every variant, its terms in combination (reconstruction plus every penalty,
 * through corruption and sampling), against central differences of an independent double-precision
 * {@link ReferenceObjective}; {@link TermGradientTests} checks each term alone.
 */
class VariantGradientTests {

    static final int M = 4;

    static TrainingConfig config(LossKind loss, Regularization reg) {
        return new TrainingConfig(1, M, OptimizerKind.SGD, 1e-3f, 0f, 0f, loss, 0, 1, 1, reg, null);
    }

    private static void check(ArchitectureSpec spec, LossKind loss, Regularization reg, String name) {
        check(Autoencoder.initialize(spec, 42), loss, reg, name);
    }

    private static void check(Autoencoder model, LossKind loss, Regularization reg, String name) {
        Objective objective = Objective.create(model.network(), config(loss, reg), loss, M);
        check(model, objective, ReferenceObjective.Terms.all(loss, reg), name);
    }

    /**
     * One training step of {@code objective} on M random rows: its value and every parameter gradient
     * against the reference objective of {@code terms}, with the step's own draws.
     */
    static void check(Autoencoder model, Objective objective, ReferenceObjective.Terms terms, String name) {
        check(model, objective, terms, uniform(9, M * model.spec().inputDim(), 0.05f, 0.95f), null, name);
    }

    /**
     * As above, on the rows {@code x(M, inputDim)}; for a network over a typed table, {@code observed(M,
     * columns)} flags the observed cells (null: all are).
     */
    static void check(Autoencoder model, Objective objective, ReferenceObjective.Terms terms, float[] x,
                      float[] observed, String name) {
        Autoencoder.Workspace ws = model.workspace(M, objective);
        System.arraycopy(x, 0, ws.input, 0, x.length);
        if (observed != null) {
            System.arraycopy(observed, 0, ws.observed, 0, observed.length);
            ws.observing = true;
        }
        double value = model.step(ComputeContext.serial(), ws, M, new SplitMix64(7), Autoencoder.Mode.TRAIN);

        float[] probes = objective.find(JacobianPenalty.class).map(JacobianPenalty::probes).orElse(null);
        ReferenceObjective.Draws draws = new ReferenceObjective.Draws(
                ws.corrupted == null ? null : toDouble(ws.corrupted),
                probes == null ? null : toDouble(probes),
                objective.latent() == null ? null : toDouble(objective.latent().epsilon()),
                observed == null ? null : toDouble(observed));
        ReferenceObjective ref = new ReferenceObjective(model);
        double[] theta = ReferenceNet.flatten(model.parameters());
        double[] xd = toDouble(x);
        double expected = ref.value(theta, xd, M, terms, draws);
        assertEquals(expected, value, 2e-6 * Math.abs(expected) + 1e-7, name + " value");
        double[] numeric = ref.numericGradient(theta, xd, M, terms, draws);
        double scale = 0;
        for (double g : numeric) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertTrue(scale > 1e-4, name + ": gradient vanishes, the check would prove nothing");
        assertClose(numeric, ReferenceNet.flatten(model.gradients()), 2e-6 * Math.max(1, scale), 1e-3, name + " gradient");
    }

    private static ArchitectureSpec spec(int[] encoder, Activation hidden, boolean tied) {
        return new ArchitectureSpec(6, encoder, null, hidden, Activation.SIGMOID, tied);
    }

    private static Regularization reg(Noise noise, Sparsity sparsity, Contractive contractive) {
        return new Regularization(noise, sparsity, contractive);
    }

    @Test
    void denoisingComparesTheOutputOfTheCorruptedInputWithTheCleanRows() {
        for (boolean tied : new boolean[] {false, true}) {
            for (Noise noise : new Noise[] {new Noise(NoiseKind.MASKING, 0.4f), new Noise(NoiseKind.GAUSSIAN, 0.3f)}) {
                for (LossKind loss : LossKind.values()) {
                    check(spec(new int[] {5, 3}, Activation.TANH, tied), loss, reg(noise, null, null),
                            "denoising " + noise + " " + loss + " tied=" + tied);
                }
            }
        }
    }

    @Test
    void klSparsityGradientIsExactThroughTheWholeNet() {
        for (boolean tied : new boolean[] {false, true}) {
            check(spec(new int[] {5, 3}, Activation.SIGMOID, tied), LossKind.MSE,
                    reg(null, new Sparsity(0.1f, 0.7f), null), "sparse tied=" + tied);
            check(spec(new int[] {4}, Activation.SIGMOID, tied), LossKind.BCE,
                    reg(null, new Sparsity(0.3f, 2f), null), "sparse one layer tied=" + tied);
        }
    }

    @Test
    void contractiveClosedFormGradientIsExactForSigmoidAndTanh() {
        for (Activation a : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU}) {
            for (boolean tied : new boolean[] {false, true}) {
                check(spec(new int[] {4}, a, tied), LossKind.MSE, reg(null, null, new Contractive(0.5f)),
                        "contractive " + a + " tied=" + tied);
            }
        }
    }

    @Test
    void contractiveEstimatorGradientIsExactForDeepEncoders() {
        for (Activation a : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            for (boolean tied : new boolean[] {false, true}) {
                check(spec(new int[] {5, 4, 3}, a, tied), LossKind.MSE, reg(null, null, new Contractive(0.5f)),
                        "deep contractive " + a + " tied=" + tied);
            }
        }
    }

    @Test
    void aSigmoidCodeUnderReluHiddenLayersTakesTheSparsityAndContractiveGradients() {
        // 6 → 5 (RELU) → 3 (SIGMOID code) → 5 (RELU) → 6 (SIGMOID): the torch reference's sparse/contractive net
        ArchitectureSpec spec = new ArchitectureSpec(6, new int[] {5, 3}, null, Activation.RELU, Activation.SIGMOID,
                false, null, Activation.SIGMOID);
        Autoencoder model = Autoencoder.initialize(spec, 42);
        float[] codes = model.encode(uniform(3, 4 * 6, 0f, 1f), 4);
        for (float c : codes) {
            assertTrue(c > 0f && c < 1f, "a sigmoid code lies in (0, 1): " + c);
        }
        check(spec, LossKind.MSE, reg(null, new Sparsity(0.1f, 0.5f), null), "relu hidden, sigmoid code, sparsity");
        check(spec, LossKind.MSE, reg(null, null, new Contractive(0.05f)), "relu hidden, sigmoid code, contractive");
    }

    @Test
    void theCodeLayerScopeTakesTheClosedFormOfTheCodeLayerThroughTheWholeNet() {
        // 6 → 5 (RELU) → 3 (SIGMOID code): λ Σ_j σ'(z_j)² Σ_p W2_pj², its gradient reaching W1 through h1
        ArchitectureSpec spec = new ArchitectureSpec(6, new int[] {5, 3}, null, Activation.RELU, Activation.SIGMOID,
                false, null, Activation.SIGMOID);
        check(spec, LossKind.MSE, reg(null, null, new Contractive(0.05f, Contractive.Scope.CODE_LAYER)),
                "contractive, code layer only");
        check(spec(new int[] {4}, Activation.TANH, false), LossKind.MSE,
                reg(null, null, new Contractive(0.05f, Contractive.Scope.CODE_LAYER)),
                "one layer: the code layer is the whole encoder");
    }

    @Test
    void blocksComposeIntoOneExactGradient() {
        Regularization all = reg(new Noise(NoiseKind.MASKING, 0.25f), new Sparsity(0.2f, 0.5f), new Contractive(0.3f));
        check(spec(new int[] {4}, Activation.SIGMOID, true), LossKind.BCE, all, "denoising sparse contractive, tied");
        check(spec(new int[] {5, 4}, Activation.SIGMOID, false), LossKind.BCE, all, "denoising sparse deep contractive");
    }

    @Test
    void aStackedStageTrainsTheSharedLayersOfTheWholeModel() {
        for (boolean tied : new boolean[] {false, true}) {
            Autoencoder whole = Autoencoder.initialize(spec(new int[] {5, 4, 3}, Activation.SIGMOID, tied), 42);
            Autoencoder stage = whole.stage(1);   // 5 → 4 → 5, sharing layers 1 and 4 of the whole model
            assertSame(whole.layers()[1], stage.layers()[0]);
            assertSame(whole.layers()[4], stage.layers()[1]);
            check(stage, LossKind.MSE, reg(new Noise(NoiseKind.MASKING, 0.2f), new Sparsity(0.2f, 0.5f),
                    new Contractive(0.2f)), "stage 2 tied=" + tied);
        }
    }

    @Test
    void variationalLossGradientFlowsThroughTheReparameterization() {
        for (Likelihood likelihood : Likelihood.values()) {
            for (int samples : new int[] {1, 3}) {
                ArchitectureSpec spec = new ArchitectureSpec(6, new int[] {5}, null, Activation.TANH,
                        likelihood == Likelihood.BERNOULLI ? Activation.SIGMOID : Activation.LINEAR, false,
                        new Variational(2, 0.7f, likelihood, samples));
                check(spec, LossKind.MSE, Regularization.NONE, "vae " + likelihood + " S=" + samples);
            }
        }
        ArchitectureSpec deep = new ArchitectureSpec(6, new int[] {5, 4}, null, Activation.SIGMOID, Activation.SIGMOID,
                false, new Variational(3, 1f, Likelihood.BERNOULLI, 1));
        check(deep, LossKind.MSE, reg(new Noise(NoiseKind.GAUSSIAN, 0.2f), null, null), "deep denoising vae");
    }
}
