package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.layer.Activation;
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
        double fd = 0;
        double h = 1e-3;
        for (int j = 0; j < 8; j++) {
            float[] up = row.clone();
            float[] down = row.clone();
            up[j] += (float) h;
            down[j] -= (float) h;
            float[] cu = model.encode(up, 1);
            float[] cd = model.encode(down, 1);
            for (int l = 0; l < 4; l++) {
                double d = (cu[l] - cd[l]) / (2 * h);
                fd += d * d;
            }
        }
        assertEquals(fd, exact, 1e-3 * exact);
    }
}
