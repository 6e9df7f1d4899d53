package dev.hourglass.engine.kernel;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReductionKernelTests {

    private static final int[] LENGTHS = {1, 7, 8, 9, 31, 33, 1023};
    private final ReductionKernel scalar = new ScalarReduction();
    private final ReductionKernel vector = new VectorReduction();

    @Test
    void columnSumsAddRowsInOrderLikeTheScalarTwin() {
        for (int n : LENGTHS) {
            for (int m : new int[] {1, 5, 33}) {
                float[] x = uniform(n * m, m * n, -1f, 1f);
                float[] s0 = uniform(n, n, -1f, 1f);
                for (boolean acc : new boolean[] {false, true}) {
                    float[] ss = s0.clone();
                    float[] sv = s0.clone();
                    scalar.columnSums(x, m, n, ss, acc, 0, n);
                    vector.columnSums(x, m, n, sv, acc, 0, n);
                    assertArrayEquals(ss, sv, 0f, "n=" + n + " m=" + m);
                    double[] expected = new double[n];
                    for (int j = 0; j < n; j++) {
                        expected[j] = acc ? s0[j] : 0;
                        for (int i = 0; i < m; i++) {
                            expected[j] += x[i * n + j];
                        }
                    }
                    assertClose(expected, dev.hourglass.engine.TestData.toDouble(ss), 1e-5, 1e-5, "sums");
                }
            }
        }
    }

    @Test
    void squaredErrorAndItsGradientMatchTheScalarTwin() {
        for (int n : LENGTHS) {
            float[] y = uniform(n, n, 0f, 1f);
            float[] t = uniform(n + 1, n, 0f, 1f);
            float[] ds = new float[n];
            float[] dv = new float[n];
            double ls = scalar.squaredError(y, t, ds, 0.5f, 0, n);
            double lv = vector.squaredError(y, t, dv, 0.5f, 0, n);
            assertArrayEquals(ds, dv, 0f);
            assertEquals(ls, lv, 1e-6 * ls + 1e-9, "n=" + n);
        }
    }

    @Test
    void crossEntropyFromLogitsMatchesTheDefinitionAndItsGradientMatchesTheScalarTwinBitForBit() {
        for (int n : LENGTHS) {
            float[] z = uniform(n, n, -20f, 20f);
            float[] t = uniform(n + 1, n, 0f, 1f);
            float[] ds = new float[n];
            float[] dv = new float[n];
            double ls = scalar.binaryCrossEntropyWithLogits(z, t, ds, 1f, 0, n);
            double lv = vector.binaryCrossEntropyWithLogits(z, t, dv, 1f, 0, n);
            double expected = 0;
            double[] grad = new double[n];
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-(double) z[i]));
                expected += -(t[i] * Math.log(p) + (1 - t[i]) * Math.log1p(-p));
                grad[i] = p - t[i];
            }
            assertEquals(expected, ls, 1e-5 * expected, "scalar n=" + n);
            assertEquals(ls, lv, 1e-5 * ls, "simd n=" + n);
            assertClose(grad, dev.hourglass.engine.TestData.toDouble(ds), 1e-6, 1e-5, "grad");
            assertArrayEquals(ds, dv, 0f, "simd grad");
        }
    }

    @Test
    void sumOfSquaresMatchesTheScalarTwin() {
        for (int n : LENGTHS) {
            float[] x = uniform(n, n, -1f, 1f);
            double s = scalar.sumOfSquares(x, 0, n);
            assertEquals(s, vector.sumOfSquares(x, 0, n), 1e-6 * s);
        }
    }
}
