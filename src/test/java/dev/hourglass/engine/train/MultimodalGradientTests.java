package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.toDouble;
import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.objective.JacobianPenalty;
import dev.hourglass.engine.objective.Objective;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Regularization;
import org.junit.jupiter.api.Test;

/**
 * A multimodal network's training step: the presentations (one modality alone) feed the encoder, the
 * reconstruction compares with every modality, and the CorrNet alignment term runs the encoder once per
 * modality alone; the step's value and every gradient of a weight inside the branches' blocks (the
 * others stay 0) match central differences of a double-precision reference.
 */
class MultimodalGradientTests {

    private static final int M = 6;
    private static final Multimodal MODALITIES = modalities(0.7f);

    private static Multimodal modalities(float alignment) {
        return new Multimodal(List.of(new Multimodal.Modality("a", 3, new int[] {3}),
                new Multimodal.Modality("b", 2, new int[] {2})), 0.5f, alignment);
    }

    /** −λ · mean over units of corr(code from a alone, code from b alone) over the M rows, in double. */
    private static double alignment(Multimodal mm, ReferenceObjective ref, double[] theta, double[] clean) {
        int n = MODALITIES.inputDim();
        double[][] a = new double[M][];
        double[][] b = new double[M][];
        for (int r = 0; r < M; r++) {
            double[] onlyA = new double[n];
            double[] onlyB = new double[n];
            System.arraycopy(clean, r * n, onlyA, 0, 3);
            System.arraycopy(clean, r * n + 3, onlyB, 3, 2);
            a[r] = ref.encode(theta, onlyA);
            b[r] = ref.encode(theta, onlyB);
        }
        int k = a[0].length;
        double sum = 0;
        for (int j = 0; j < k; j++) {
            double ma = 0;
            double mb = 0;
            for (int r = 0; r < M; r++) {
                ma += a[r][j] / M;
                mb += b[r][j] / M;
            }
            double va = 0;
            double vb = 0;
            double cov = 0;
            for (int r = 0; r < M; r++) {
                va += (a[r][j] - ma) * (a[r][j] - ma) / M;
                vb += (b[r][j] - mb) * (b[r][j] - mb) / M;
                cov += (a[r][j] - ma) * (b[r][j] - mb) / M;
            }
            sum += cov / Math.sqrt((va + 1e-6) * (vb + 1e-6));
        }
        return -mm.alignment() * sum / k;
    }

    @Test
    void presentationsAndTheAlignmentTermHaveExactGradientsInsideTheBlocks() {
        check(false, Regularization.NONE, MODALITIES);
    }

    @Test
    void tiedBranchesToo() {
        check(true, Regularization.NONE, MODALITIES);
    }

    /** The contractive penalty treats each encoder weight as dense: what it adds outside the blocks is dropped. */
    @Test
    void theContractivePenaltyStaysInsideTheBlocks() {
        check(false, new Regularization(null, null, new Contractive(0.3f)), modalities(0f));
    }

    private static void check(boolean tied, Regularization reg, Multimodal mm) {
        ArchitectureSpec spec = new ArchitectureSpec(5, mm.encoderWidths(new int[] {2}), null, Activation.TANH,
                Activation.SIGMOID, tied, null, null, null, mm);
        Autoencoder model = Autoencoder.initialize(spec, 42);
        Objective objective = Objective.create(model.network(), VariantGradientTests.config(LossKind.MSE, reg),
                LossKind.MSE, M);
        float[] x = uniform(9, M * 5, 0.05f, 0.95f);
        Autoencoder.Workspace ws = model.workspace(M, objective);
        System.arraycopy(x, 0, ws.input, 0, x.length);
        double value = model.step(ComputeContext.serial(), ws, M, new SplitMix64(3), Autoencoder.Mode.TRAIN);

        boolean presented = false;
        for (int i = 0; i < x.length; i++) {
            presented |= ws.corrupted[i] == 0f && x[i] != 0f;
        }
        assertTrue(presented, "some row shows one modality alone");
        ReferenceObjective ref = new ReferenceObjective(model);
        ReferenceObjective.Terms recon = new ReferenceObjective.Terms(true, LossKind.MSE, null, reg.contractive(), false);
        float[] probes = objective.find(JacobianPenalty.class).map(JacobianPenalty::probes).orElse(null);
        ReferenceObjective.Draws draws = new ReferenceObjective.Draws(toDouble(ws.corrupted),
                probes == null ? null : toDouble(probes), null);
        double[] theta = ReferenceNet.flatten(model.parameters());
        double[] clean = toDouble(x);
        double expected = ref.value(theta, clean, M, recon, draws) + alignment(mm, ref, theta, clean);
        assertEquals(expected, value, 2e-6 * Math.abs(expected) + 1e-7, "value");

        double[] analytic = ReferenceNet.flatten(model.gradients());
        boolean[] inside = insideBlocks(model);
        double h = 1e-6;
        double largest = 0;
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + h;
            double up = ref.value(theta, clean, M, recon, draws) + alignment(mm, ref, theta, clean);
            theta[i] = keep - h;
            double down = ref.value(theta, clean, M, recon, draws) + alignment(mm, ref, theta, clean);
            theta[i] = keep;
            double numeric = (up - down) / (2 * h);
            if (!inside[i]) {
                assertEquals(0.0, Math.abs(analytic[i]), "parameter " + i + " is outside the blocks: its gradient is masked");
                continue;
            }
            largest = Math.max(largest, Math.abs(numeric));
            assertEquals(numeric, analytic[i], 2e-6 * Math.max(1, Math.abs(numeric)) + 1e-4 * Math.abs(numeric),
                    "parameter " + i);
        }
        assertTrue(largest > 1e-3, "the gradient vanishes: the check would prove nothing");
    }

    /** Per parameter (the model's order), whether it is a bias or a weight inside a block. */
    private static boolean[] insideBlocks(Autoencoder model) {
        int count = (int) model.parameterCount();
        boolean[] inside = new boolean[count];
        int p = 0;
        for (Dense d : model.layers()) {
            if (!d.tied()) {
                for (int i = 0; i < d.in(); i++) {
                    for (int o = 0; o < d.out(); o++) {
                        inside[p++] = d.connects(i, o);
                    }
                }
            }
            for (int o = 0; o < d.out(); o++) {
                inside[p++] = true;
            }
        }
        return inside;
    }
}
