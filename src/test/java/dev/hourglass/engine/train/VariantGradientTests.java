package dev.hourglass.engine.train;

import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Variational;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.toDouble;
import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.random.SplitMix64;

/**
 * The whole loss of every variant (reconstruction plus every penalty, through corruption and
 * sampling) against central differences of an independent double-precision {@link ReferenceObjective}.
 */
class VariantGradientTests {

    private static final int M = 4;

    private static void check(ArchitectureSpec spec, Autoencoder.Objective o, String name) {
        check(Autoencoder.initialize(spec, 42), o, name);
    }

    private static void check(Autoencoder model, Autoencoder.Objective o, String name) {
        ArchitectureSpec spec = model.spec();
        float[] x = uniform(9, M * spec.inputDim(), 0.05f, 0.95f);
        Autoencoder.Workspace ws = model.workspace(M, o);
        System.arraycopy(x, 0, ws.input, 0, x.length);
        double value = model.step(ComputeContext.serial(), ws, M, o, new SplitMix64(7), true);

        ReferenceObjective.Draws draws = new ReferenceObjective.Draws(
                ws.corrupted == null ? null : toDouble(ws.corrupted),
                ws.contractive == null || ws.contractive.probes() == null ? null : toDouble(ws.contractive.probes()),
                ws.latent == null ? null : toDouble(ws.latent.epsilon()));
        ReferenceObjective ref = new ReferenceObjective(model);
        double[] theta = ReferenceNet.flatten(model.parameters());
        double[] xd = toDouble(x);
        double expected = ref.value(theta, xd, M, o, draws);
        assertEquals(expected, value, 2e-6 * Math.abs(expected) + 1e-7, name + " value");
        double[] numeric = ref.numericGradient(theta, xd, M, o, draws);
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

    private static Autoencoder.Objective objective(LossKind loss, Noise noise, Sparsity sparsity, Contractive c) {
        return new Autoencoder.Objective(loss, noise, sparsity, c);
    }

    @Test
    void denoisingComparesTheOutputOfTheCorruptedInputWithTheCleanRows() {
        for (boolean tied : new boolean[] {false, true}) {
            for (Noise noise : new Noise[] {new Noise(NoiseKind.MASKING, 0.4f), new Noise(NoiseKind.GAUSSIAN, 0.3f)}) {
                for (LossKind loss : LossKind.values()) {
                    check(spec(new int[] {5, 3}, Activation.TANH, tied), objective(loss, noise, null, null),
                            "denoising " + noise + " " + loss + " tied=" + tied);
                }
            }
        }
    }

    @Test
    void klSparsityGradientIsExactThroughTheWholeNet() {
        for (boolean tied : new boolean[] {false, true}) {
            check(spec(new int[] {5, 3}, Activation.SIGMOID, tied),
                    objective(LossKind.MSE, null, new Sparsity(0.1f, 0.7f), null), "sparse tied=" + tied);
            check(spec(new int[] {4}, Activation.SIGMOID, tied),
                    objective(LossKind.BCE, null, new Sparsity(0.3f, 2f), null), "sparse one layer tied=" + tied);
        }
    }

    @Test
    void contractiveClosedFormGradientIsExactForSigmoidAndTanh() {
        for (Activation a : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU}) {
            for (boolean tied : new boolean[] {false, true}) {
                check(spec(new int[] {4}, a, tied), objective(LossKind.MSE, null, null, new Contractive(0.5f)),
                        "contractive " + a + " tied=" + tied);
            }
        }
    }

    @Test
    void contractiveEstimatorGradientIsExactForDeepEncoders() {
        for (Activation a : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            for (boolean tied : new boolean[] {false, true}) {
                check(spec(new int[] {5, 4, 3}, a, tied), objective(LossKind.MSE, null, null, new Contractive(0.5f)),
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
        check(spec, objective(LossKind.MSE, null, new Sparsity(0.1f, 0.5f), null), "relu hidden, sigmoid code, sparsity");
        check(spec, objective(LossKind.MSE, null, null, new Contractive(0.05f)), "relu hidden, sigmoid code, contractive");
    }

    @Test
    void theCodeLayerScopeTakesTheClosedFormOfTheCodeLayerThroughTheWholeNet() {
        // 6 → 5 (RELU) → 3 (SIGMOID code): λ Σ_j σ'(z_j)² Σ_p W2_pj², its gradient reaching W1 through h1
        ArchitectureSpec spec = new ArchitectureSpec(6, new int[] {5, 3}, null, Activation.RELU, Activation.SIGMOID,
                false, null, Activation.SIGMOID);
        check(spec, objective(LossKind.MSE, null, null, new Contractive(0.05f, Contractive.Scope.CODE_LAYER)),
                "contractive, code layer only");
        check(spec(new int[] {4}, Activation.TANH, false),
                objective(LossKind.MSE, null, null, new Contractive(0.05f, Contractive.Scope.CODE_LAYER)),
                "one layer: the code layer is the whole encoder");
    }

    @Test
    void blocksComposeIntoOneExactGradient() {
        Autoencoder.Objective all = objective(LossKind.BCE, new Noise(NoiseKind.MASKING, 0.25f),
                new Sparsity(0.2f, 0.5f), new Contractive(0.3f));
        check(spec(new int[] {4}, Activation.SIGMOID, true), all, "denoising sparse contractive, tied");
        check(spec(new int[] {5, 4}, Activation.SIGMOID, false), all, "denoising sparse deep contractive");
    }

    @Test
    void aStackedStageTrainsTheSharedLayersOfTheWholeModel() {
        for (boolean tied : new boolean[] {false, true}) {
            Autoencoder whole = Autoencoder.initialize(spec(new int[] {5, 4, 3}, Activation.SIGMOID, tied), 42);
            Autoencoder stage = whole.stage(1);   // 5 → 4 → 5, sharing layers 1 and 4 of the whole model
            org.junit.jupiter.api.Assertions.assertSame(whole.layers()[1], stage.layers()[0]);
            org.junit.jupiter.api.Assertions.assertSame(whole.layers()[4], stage.layers()[1]);
            check(stage, objective(LossKind.MSE, new Noise(NoiseKind.MASKING, 0.2f), new Sparsity(0.2f, 0.5f),
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
                check(spec, objective(LossKind.MSE, null, null, null), "vae " + likelihood + " S=" + samples);
            }
        }
        ArchitectureSpec deep = new ArchitectureSpec(6, new int[] {5, 4}, null, Activation.SIGMOID, Activation.SIGMOID,
                false, new Variational(3, 1f, Likelihood.BERNOULLI, 1));
        check(deep, objective(LossKind.MSE, new Noise(NoiseKind.GAUSSIAN, 0.2f), null, null), "deep denoising vae");
    }
}
