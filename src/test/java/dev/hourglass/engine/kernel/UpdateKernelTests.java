package dev.hourglass.engine.kernel;

import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class UpdateKernelTests {

    private static final int[] LENGTHS = {1, 7, 8, 9, 31, 33, 1023};
    private final UpdateKernel scalar = new ScalarUpdate();
    private final UpdateKernel vector = new VectorUpdate();

    @Test
    void everyUpdateRuleMatchesTheScalarTwinBitForBit() {
        for (int n : LENGTHS) {
            float[] w0 = uniform(n, n, -1f, 1f);
            float[] g = uniform(n + 1, n, -1f, 1f);
            float[] m0 = uniform(n + 2, n, -0.1f, 0.1f);
            float[] v0 = uniform(n + 3, n, 0f, 0.01f);

            float[] ws = w0.clone();
            float[] wv = w0.clone();
            scalar.sgd(ws, g, 0.1f, 0.02f, 0, n);
            vector.sgd(wv, g, 0.1f, 0.02f, 0, n);
            assertArrayEquals(ws, wv, 0f, "sgd n=" + n);

            ws = w0.clone();
            wv = w0.clone();
            float[] bs = m0.clone();
            float[] bv = m0.clone();
            scalar.momentum(ws, g, bs, 0.1f, 0.9f, 0.02f, 0, n);
            vector.momentum(wv, g, bv, 0.1f, 0.9f, 0.02f, 0, n);
            assertArrayEquals(ws, wv, 0f, "momentum w n=" + n);
            assertArrayEquals(bs, bv, 0f, "momentum buf n=" + n);

            ws = w0.clone();
            wv = w0.clone();
            float[] ms = m0.clone();
            float[] mv = m0.clone();
            float[] vs = v0.clone();
            float[] vv = v0.clone();
            scalar.adam(ws, g, ms, vs, -1e-3f, 0.9f, 0.999f, 0.05f, 1e-8f, 0.02f, 0, n);
            vector.adam(wv, g, mv, vv, -1e-3f, 0.9f, 0.999f, 0.05f, 1e-8f, 0.02f, 0, n);
            assertArrayEquals(ws, wv, 0f, "adam w n=" + n);
            assertArrayEquals(ms, mv, 0f, "adam m n=" + n);
            assertArrayEquals(vs, vv, 0f, "adam v n=" + n);
        }
    }
}
