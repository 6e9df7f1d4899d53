package dev.hourglass.engine.kernel;

import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.engine.random.SplitMix64;

import org.junit.jupiter.api.Test;

class PenaltyKernelTests {

    private static final int[] LENGTHS = {1, 7, 8, 9, 31, 33, 1023};
    private final PenaltyKernel scalar = new ScalarPenalty();
    private final PenaltyKernel vector = new VectorPenalty();

    /** Activations in each function's range, with exact zeros and ones so f' and f'' hit their edges. */
    private static float[] outputs(Nonlinearity f, long seed, int n) {
        float[] y = f == Nonlinearity.SIGMOID ? uniform(seed, n, 0f, 1f) : uniform(seed, n, -1f, 1f);
        if (n > 3) {
            y[1] = 0f;
            y[2] = f == Nonlinearity.SIGMOID ? 1f : -0f;
        }
        return y;
    }

    @Test
    void theEngineRunsTheSimdPenaltyKernel() {
        // a Vector API name missing on this JDK would make Kernels fall back to scalar with only a warning
        assertTrue(Kernels.PENALTY instanceof VectorPenalty, "tests run with --add-modules jdk.incubator.vector");
    }

    @Test
    void tangentPassesMatchTheScalarTwinBitForBitOnOddLengths() {
        for (Nonlinearity f : Nonlinearity.values()) {
            for (int n : LENGTHS) {
                float[] y = outputs(f, n, n);
                float[] s = uniform(n + 1, n, -3f, 3f);
                float[] ubar = uniform(n + 2, n, -2f, 2f);
                float[] us = new float[n];
                float[] uv = new float[n];
                scalar.tangentForward(y, s, us, f, 0, n);
                vector.tangentForward(y, s, uv, f, 0, n);
                assertArrayEquals(us, uv, 0f, f + " forward n=" + n);
                float[] sbarS = new float[n];
                float[] sbarV = new float[n];
                float[] zbarS = new float[n];
                float[] zbarV = new float[n];
                scalar.tangentBackward(y, s, ubar, f, sbarS, zbarS, 0, n);
                vector.tangentBackward(y, s, ubar, f, sbarV, zbarV, 0, n);
                assertArrayEquals(sbarS, sbarV, 0f, f + " sbar n=" + n);
                assertArrayEquals(zbarS, zbarV, 0f, f + " zbar n=" + n);
            }
        }
    }

    @Test
    void tangentPassesOnASubrangeLeaveTheRestAlone() {
        int n = 100;
        float[] y = outputs(Nonlinearity.TANH, 3, n);
        float[] s = uniform(4, n, -3f, 3f);
        float[] us = new float[n];
        float[] uv = new float[n];
        scalar.tangentForward(y, s, us, Nonlinearity.TANH, 13, 77);
        vector.tangentForward(y, s, uv, Nonlinearity.TANH, 13, 77);
        assertArrayEquals(us, uv, 0f);
        assertArrayEquals(new float[13], java.util.Arrays.copyOf(uv, 13), 0f);
    }

    @Test
    void contractiveRowsMatchTheScalarTwinBitForBitOnOddWidths() {
        for (Nonlinearity f : Nonlinearity.values()) {
            for (int k : LENGTHS) {
                int m = 5;
                float[] h = outputs(f, k, m * k);
                float[] c = uniform(k + 1, k, 0f, 4f);
                float[] zbarS = new float[m * k];
                float[] zbarV = new float[m * k];
                float[] dsqS = uniform(k + 2, k, 0f, 1f);
                float[] dsqV = dsqS.clone();
                scalar.contractiveRows(h, k, f, c, 1e-3f, zbarS, dsqS, 1, m);
                vector.contractiveRows(h, k, f, c, 1e-3f, zbarV, dsqV, 1, m);
                assertArrayEquals(zbarS, zbarV, 0f, f + " zbar k=" + k);
                assertArrayEquals(dsqS, dsqV, 0f, f + " dsq k=" + k);
            }
        }
    }

    @Test
    void signsTakeTheDrawsBitsFromTheLowestUp() {
        // 0b1101: +1, −1, +1, +1, then −1 for every clear bit up to bit 62; bit 63 set: +1
        long bits = 0b1101L | Long.MIN_VALUE;
        float[] expected = new float[64];
        java.util.Arrays.fill(expected, -1f);
        expected[0] = 1f;
        expected[2] = 1f;
        expected[3] = 1f;
        expected[63] = 1f;
        for (PenaltyKernel kernel : new PenaltyKernel[] {scalar, vector}) {
            float[] out = new float[65];
            kernel.signs(bits, out, 1, 64);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 1, 65), 0f);
            assertArrayEquals(new float[1], java.util.Arrays.copyOf(out, 1), 0f);
        }
    }

    @Test
    void signsMatchTheScalarTwinForManyDrawsAndShortTails() {
        dev.hourglass.engine.random.SplitMix64 rng = new dev.hourglass.engine.random.SplitMix64(7);
        for (int rep = 0; rep < 200; rep++) {
            long bits = rng.nextLong();
            for (int count : new int[] {1, 7, 33, 63, 64}) {
                float[] s = new float[70];
                float[] v = new float[70];
                scalar.signs(bits, s, 3, count);
                vector.signs(bits, v, 3, count);
                assertArrayEquals(s, v, 0f, "count=" + count);
            }
        }
    }

    @Test
    void reparameterizationAndItsBackwardMatchTheScalarTwinBitForBit() {
        for (int k : LENGTHS) {
            int samples = 3;
            int m = 2;
            float[] head = uniform(k, m * 2 * k, -4f, 4f);
            float[] eps = uniform(k + 1, samples * m * k, -3f, 3f);
            float[] dz = uniform(k + 2, samples * m * k, -1f, 1f);
            float[] zs = new float[samples * m * k];
            float[] zv = new float[samples * m * k];
            float[] ds = new float[m * 2 * k];
            float[] dv = new float[m * 2 * k];
            for (int i = 0; i < m; i++) {
                for (int s = 0; s < samples; s++) {
                    scalar.reparameterizeRow(head, i * 2 * k, k, eps, zs, (s * m + i) * k);
                    vector.reparameterizeRow(head, i * 2 * k, k, eps, zv, (s * m + i) * k);
                }
                scalar.variationalHeadBackwardRow(head, i * 2 * k, k, eps, dz, i * k, m * k, samples, 0.25f, ds);
                vector.variationalHeadBackwardRow(head, i * 2 * k, k, eps, dz, i * k, m * k, samples, 0.25f, dv);
            }
            assertArrayEquals(zs, zv, 0f, "z k=" + k);
            assertArrayEquals(ds, dv, 0f, "dhead k=" + k);
        }
    }

    @Test
    void maskingNoiseMatchesTheScalarTwinAndTheGeneratorsOwnStream() {
        for (int n : LENGTHS) {
            float[] x = uniform(n, n, 0.5f, 1f);
            for (long threshold : new long[] {0L, 1L, 1L << 30, Math.round(0.3 * 0x1p32), (1L << 32) - 1, 1L << 32}) {
                float[] s = new float[n];
                float[] v = new float[n];
                long stateS = scalar.maskingNoise(x, s, n, threshold, 42L);
                long stateV = vector.maskingNoise(x, v, n, threshold, 42L);
                assertArrayEquals(s, v, 0f, "n=" + n + " threshold=" + threshold);
                assertEquals(stateS, stateV);
                // the same as drawing from SplitMix64 one long per pair of elements
                SplitMix64 rng = new SplitMix64(42L);
                float[] expected = new float[n];
                long bits = 0;
                for (int i = 0; i < n; i++) {
                    if ((i & 1) == 0) {
                        bits = rng.nextLong();
                    }
                    expected[i] = (bits & 0xFFFF_FFFFL) < threshold ? 0f : x[i];
                    bits >>>= 32;
                }
                assertArrayEquals(expected, s, 0f);
                assertEquals(rng.state(), stateS);
            }
        }
    }
}
