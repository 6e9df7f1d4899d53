package dev.hourglass.engine.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Test;

/** Penalty terms at points a reader can work out by hand. */
class PenaltyGoldenTests {

    /** A pass of {@code m} rows whose first layer's activations are {@code h}. */
    private static Pass pass(Network network, int m, float[] h) {
        float[][] act = new float[network.layers().length][];
        float[][] grad = new float[act.length][];
        act[0] = h;
        grad[0] = new float[h.length];
        Pass pass = new Pass(network, act, grad);
        pass.begin(ComputeContext.serial(), null, m, null, null);
        return pass;
    }

    @Test
    void klSparsityPenaltyAndGradientAtAHandComputedRhoHat() {
        // m = 4 rows, k = 2 code units, ρ = 0.1, β = 2; column means ρ̂ = (0.8/4, 0.2/4) = (0.2, 0.05)
        float[] h = {
                0.5f, 0.05f,
                0.1f, 0.05f,
                0.1f, 0.05f,
                0.1f, 0.05f};
        Pass pass = pass(new Network(new Dense[] {Dense.create(3, 2, Activation.SIGMOID)}, 1, null), 4, h);
        KlSparsity kl = new KlSparsity(new Sparsity(0.1f, 2f), pass.network());
        double[] values = new double[2];
        double penalty = kl.forward(pass, values, 0);
        // KL(0.1‖0.2)  = 0.1·ln(0.1/0.2)  + 0.9·ln(0.9/0.8)  = 0.0366900
        // KL(0.1‖0.05) = 0.1·ln(0.1/0.05) + 0.9·ln(0.9/0.95) = 0.0206542
        // β·Σ = 2·(0.0366900 + 0.0206542) = 0.1146884
        double expected = 2 * (0.1 * Math.log(0.5) + 0.9 * Math.log(0.9 / 0.8) + 0.1 * Math.log(2) + 0.9 * Math.log(0.9 / 0.95));
        assertEquals(0.1146884, expected, 1e-7);
        assertEquals(expected, penalty, 1e-6);
        assertEquals(penalty, values[0]);
        assertEquals(0.125, values[1], 1e-7);   // mean activation (0.2 + 0.05) / 2

        // gradient per row: β/m·(−ρ/ρ̂ + (1−ρ)/(1−ρ̂)): unit 0: 0.5·(−0.5 + 1.125) = 0.3125;
        // unit 1: 0.5·(−2 + 0.9/0.95) = −0.5263158
        float[] dh = new float[8];
        kl.addToOutputGradient(pass, 0, dh);
        for (int i = 0; i < 4; i++) {
            assertEquals(0.3125f, dh[2 * i], 1e-6f);
            assertEquals(-0.5263158f, dh[2 * i + 1], 1e-6f);
        }
    }

    @Test
    void contractivePenaltyOfATwoByThreeSigmoidLayerByHand() {
        // x = 0, so z = b = (0, ln 3, −ln 3) and h = σ(b) = (1/2, 3/4, 1/4); f' = h(1−h) = (1/4, 3/16, 3/16).
        // W(in=2, out=3) = [[1, 2, 0], [−1, 1, 3]]: squared column norms c = (2, 5, 9).
        // ‖J‖²_F = Σ_l f'_l² c_l = 2/16 + 5·9/256 + 9·9/256 = 0.125 + 0.17578125 + 0.31640625 = 0.6171875
        Dense layer = Dense.create(2, 3, Activation.SIGMOID);
        System.arraycopy(new float[] {1, 2, 0, -1, 1, 3}, 0, layer.weight(), 0, 6);
        System.arraycopy(new float[] {0, (float) Math.log(3), (float) -Math.log(3)}, 0, layer.bias(), 0, 3);
        float[] x = new float[2];
        float[] h = new float[3];
        layer.forward(ComputeContext.serial(), x, 1, h, true);

        JacobianPenalty penalty = new JacobianPenalty(0.1f, new Dense[] {layer}, 1, false);
        Pass pass = pass(new Network(new Dense[] {layer}, 1, null), 1, h);
        assertEquals(0.1 * 0.6171875, penalty.forward(pass, new double[1], 0), 1e-7);
        assertEquals(0.6171875, JacobianPenalty.exactMeanFrobeniusSquared(ComputeContext.serial(), new Dense[] {layer}, 3, new float[][] {h}, 1),
                1e-6);
    }

    @Test
    void gaussianKlOfAKnownMeanAndSigma() {
        // μ = (1, 0), σ = (1, 1/2): KL = −½ Σ (1 + ln σ² − μ² − σ²)
        //   = −½ [(1 + 0 − 1 − 1) + (1 + ln ¼ − 0 − ¼)] = −½ (−1 + 0.75 − 1.3862944) = 0.8181472
        float[] head = {1f, 0f, 0f, (float) Math.log(0.25)};
        Network vae = new Network(new Dense[] {Dense.create(3, 4, Activation.LINEAR), Dense.create(2, 3, Activation.SIGMOID)},
                1, new Variational(2, 0.5f, Likelihood.BERNOULLI, 1));
        GaussianKl kl = new GaussianKl(vae.variational(), vae, 1);
        double[] values = new double[1];
        assertEquals(0.5 * 0.8181472, kl.forward(pass(vae, 1, head), values, 0), 1e-6);   // β · KL
        assertEquals(0.8181472, values[0], 1e-6);
        // a row at the prior costs nothing
        kl.forward(pass(vae, 1, new float[] {0f, 0f, 0f, 0f}), values, 0);
        assertEquals(0.0, values[0], 0.0);
    }
}
