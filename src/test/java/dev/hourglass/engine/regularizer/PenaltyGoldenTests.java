package dev.hourglass.engine.regularizer;

import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.Draws;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.Dense;

/** Penalties at points a reader can work out by hand. */
class PenaltyGoldenTests {

    @Test
    void klSparsityPenaltyAndGradientAtAHandComputedRhoHat() {
        // m = 4 rows, k = 2 code units, ρ = 0.1, β = 2; column means ρ̂ = (0.8/4, 0.2/4) = (0.2, 0.05)
        float[] h = {
                0.5f, 0.05f,
                0.1f, 0.05f,
                0.1f, 0.05f,
                0.1f, 0.05f};
        KlSparsity kl = new KlSparsity(0.1, 2.0, 2);
        double penalty = kl.forward(ComputeContext.serial(), h, 4);
        // KL(0.1‖0.2)  = 0.1·ln(0.1/0.2)  + 0.9·ln(0.9/0.8)  = 0.0366900
        // KL(0.1‖0.05) = 0.1·ln(0.1/0.05) + 0.9·ln(0.9/0.95) = 0.0206542
        // β·Σ = 2·(0.0366900 + 0.0206542) = 0.1146884
        double expected = 2 * (0.1 * Math.log(0.5) + 0.9 * Math.log(0.9 / 0.8) + 0.1 * Math.log(2) + 0.9 * Math.log(0.9 / 0.95));
        assertEquals(0.1146884, expected, 1e-7);
        assertEquals(expected, penalty, 1e-6);
        assertEquals(0.125, kl.meanActivation(), 1e-7);   // (0.2 + 0.05) / 2

        // gradient per row: β/m·(−ρ/ρ̂ + (1−ρ)/(1−ρ̂)): unit 0: 0.5·(−0.5 + 1.125) = 0.3125;
        // unit 1: 0.5·(−2 + 0.9/0.95) = −0.5263158
        float[] dh = new float[8];
        kl.backward(dh, 4);
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

        JacobianPenalty penalty = new JacobianPenalty(0.1f, new Dense[] {layer}, 1);
        assertEquals(0.1 * 0.6171875, penalty.forward(ComputeContext.serial(), new float[][] {h}, 1, null), 1e-7);
        assertEquals(0.6171875, JacobianPenalty.exactMeanFrobeniusSquared(ComputeContext.serial(), new Dense[] {layer}, 3, new float[][] {h}, 1),
                1e-6);
    }

    @Test
    void gaussianKlOfAKnownMeanAndSigma() {
        // μ = (1, 0), σ = (1, 1/2): KL = −½ Σ (1 + ln σ² − μ² − σ²)
        //   = −½ [(1 + 0 − 1 − 1) + (1 + ln ¼ − 0 − ¼)] = −½ (−1 + 0.75 − 1.3862944) = 0.8181472
        float[] head = {1f, 0f, 0f, (float) Math.log(0.25)};
        assertEquals(0.8181472, GaussianKl.klSum(head, 1, 2), 1e-6);
        // a row at the prior costs nothing
        assertEquals(0.0, GaussianKl.klSum(new float[] {0f, 0f}, 1, 1), 0.0);
    }

    @Test
    void maskingNoiseDropsTheRequestedShare() {
        float[] x = new float[100_000];
        java.util.Arrays.fill(x, 1f);
        float[] out = new float[x.length];
        Draws.maskingNoise(x, out, x.length, 0.3f, new dev.hourglass.engine.random.SplitMix64(1));
        double kept = ArrayOps.sum(out, out.length) / out.length;
        assertEquals(0.7, kept, 0.005);   // 5 standard errors: √(0.21/1e5) ≈ 0.0014
    }

    @Test
    void gaussianDrawsFollowTheNormalDistributionIntoTheTail() {
        int n = 2_000_000;
        float[] z = new float[n];
        Draws.gaussian(z, n, new dev.hourglass.engine.random.SplitMix64(5));
        // P(|Z| > t) = erfc(t/√2) and P(Z < 0.5) = Φ(0.5), from tables; 3.4426 is where the ziggurat's tail starts
        double[] t = {0.5, 1, 2, 3, 3.442619855899, 4};
        double[] p = {0.6170750774519738, 0.3173105078629141, 0.04550026389635842, 0.0026997960632601866,
                0.0005761085123916405, 6.334248366623996e-05};
        for (int i = 0; i < t.length; i++) {
            int beyond = 0;
            for (float v : z) {
                if (Math.abs(v) > t[i]) {
                    beyond++;
                }
            }
            double se = Math.sqrt(p[i] * (1 - p[i]) / n);
            assertEquals(p[i], beyond / (double) n, 4.5 * se, "P(|Z| > " + t[i] + ")");
        }
        int below = 0;
        for (float v : z) {
            if (v < 0.5f) {
                below++;
            }
        }
        assertEquals(0.6914624612740131, below / (double) n, 4.5 * Math.sqrt(0.6915 * 0.3085 / n), "Φ(0.5)");
    }

    @Test
    void gaussianDrawsHaveUnitVariance() {
        float[] z = new float[100_001];
        Draws.gaussian(z, z.length, new dev.hourglass.engine.random.SplitMix64(3));
        double mean = ArrayOps.sum(z, z.length) / z.length;
        double sq = 0;
        for (float v : z) {
            sq += (v - mean) * (v - mean);
        }
        assertEquals(0.0, mean, 0.015);
        assertEquals(1.0, sq / z.length, 0.02);
    }
}
