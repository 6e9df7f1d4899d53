package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.objective.JacobianPenalty;
import dev.hourglass.engine.objective.Objective;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Regularization;
import org.junit.jupiter.api.Test;

class ContractiveEstimatorTests {

    @Test
    void theDeepEstimatorAveragesToTheExactJacobianNorm() {
        ArchitectureSpec spec = new ArchitectureSpec(8, new int[] {6, 4}, null, Activation.TANH, Activation.SIGMOID, false);
        Autoencoder model = Autoencoder.initialize(spec, 3);
        float[] row = uniform(2, 8, 0f, 1f);
        double exact = model.jacobianFrobeniusSquared(row, 1);
        // one batch of 20 000 copies of the row: 20 000 independent probes of E‖J v‖² = ‖J‖²_F
        int m = 20_000;
        Regularization contractive = new Regularization(null, null, new Contractive(1f));
        Autoencoder.Workspace ws = model.workspace(m, Objective.create(model.network(),
                VariantGradientTests.config(LossKind.MSE, contractive), LossKind.MSE, m));
        for (int i = 0; i < m; i++) {
            System.arraycopy(row, 0, ws.input, i * 8, 8);
        }
        model.step(ComputeContext.serial(), ws, m, new SplitMix64(5), Autoencoder.Mode.TRAIN);
        // the estimator's spread is below ‖J‖²_F·√2 per probe, so 5 standard errors ≈ 5%
        assertEquals(exact, ws.metric("contractive"), 0.05 * exact);
        // and the exact norm is a real Jacobian: central differences of the code
        assertEquals(centralDifferences(model, row), exact, 1e-3 * exact);
    }

    /**
     * The exact norm takes a narrowing first layer through its Gram matrix when there are rows enough, and
     * multiplies by it directly otherwise: both forms match central differences of the code.
     */
    @Test
    void theExactNormMatchesCentralDifferencesThroughTheGramMatrixAndWithout() {
        int rowsPerCase = 5;
        // {input, hidden, code, 1 if the first layer goes through its Gram matrix}
        for (int[] c : new int[][] {{20, 5, 3, 1}, {5, 9, 3, 0}, {6, 6, 2, 0}}) {
            int in = c[0];
            assertEquals(c[3] == 1, JacobianPenalty.throughGram(in, c[1], c[2], rowsPerCase), Arrays.toString(c));
            ArchitectureSpec spec = new ArchitectureSpec(in, new int[] {c[1], c[2]}, null, Activation.TANH,
                    Activation.SIGMOID, false);
            Autoencoder model = Autoencoder.initialize(spec, 11);
            float[] rows = uniform(4, rowsPerCase * in, 0f, 1f);
            double exact = model.jacobianFrobeniusSquared(rows, rowsPerCase);
            double fd = 0;
            for (int i = 0; i < rowsPerCase; i++) {
                fd += centralDifferences(model, Arrays.copyOfRange(rows, i * in, (i + 1) * in));
            }
            assertEquals(fd / rowsPerCase, exact, 1e-3 * exact, Arrays.toString(c));
        }
        // the engine's own sizes: 784 -> 256 with a code of 64 over the 512 held-out rows, but not for one row
        assertTrue(JacobianPenalty.throughGram(784, 256, 64, JacobianPenalty.HELD_OUT_ROWS));
        assertFalse(JacobianPenalty.throughGram(784, 256, 64, 1));
    }

    /** ‖∂c/∂x‖²_F at {@code row} by central differences of the code. */
    private static double centralDifferences(Autoencoder model, float[] row) {
        double fd = 0;
        double h = 1e-3;
        for (int j = 0; j < row.length; j++) {
            float[] up = row.clone();
            float[] down = row.clone();
            up[j] += (float) h;
            down[j] -= (float) h;
            float[] cu = model.encode(up, 1);
            float[] cd = model.encode(down, 1);
            for (int l = 0; l < cu.length; l++) {
                double d = (cu[l] - cd[l]) / (2 * h);
                fd += d * d;
            }
        }
        return fd;
    }
}
