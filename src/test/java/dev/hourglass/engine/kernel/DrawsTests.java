package dev.hourglass.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hourglass.engine.random.SplitMix64;
import org.junit.jupiter.api.Test;

/** The random draws follow their distributions. */
class DrawsTests {

    @Test
    void maskingNoiseDropsTheRequestedShare() {
        float[] x = new float[100_000];
        java.util.Arrays.fill(x, 1f);
        float[] out = new float[x.length];
        Draws.maskingNoise(x, out, x.length, 0.3f, new SplitMix64(1));
        double kept = ArrayOps.sum(out, out.length) / out.length;
        assertEquals(0.7, kept, 0.005);   // 5 standard errors: √(0.21/1e5) ≈ 0.0014
    }

    @Test
    void gaussianDrawsFollowTheNormalDistributionIntoTheTail() {
        int n = 2_000_000;
        float[] z = new float[n];
        Draws.gaussian(z, n, new SplitMix64(5));
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
        Draws.gaussian(z, z.length, new SplitMix64(3));
        double mean = ArrayOps.sum(z, z.length) / z.length;
        double sq = 0;
        for (float v : z) {
            sq += (v - mean) * (v - mean);
        }
        assertEquals(0.0, mean, 0.015);
        assertEquals(1.0, sq / z.length, 0.02);
    }
}
