package dev.hourglass.engine.kernel;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PointwiseKernelTests {

    private static final int[] LENGTHS = {1, 7, 8, 9, 31, 33, 1023};
    private final PointwiseKernel scalar = new ScalarPointwise();
    private final PointwiseKernel vector = new VectorPointwise();

    private static double exact(Nonlinearity f, double z) {
        return switch (f) {
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(z, 0);
            case LEAKY_RELU -> z > 0 ? z : 0.01 * z;
            case LINEAR -> z;
        };
    }

    @Test
    void biasActivateMatchesTheDefinitionAndTheScalarTwinBitForBit() {
        for (Nonlinearity f : Nonlinearity.values()) {
            for (int n : LENGTHS) {
                int m = 3;
                float[] y0 = uniform(n, m * n, -6f, 6f);
                float[] bias = uniform(n + 1, n, -1f, 1f);
                float[] ys = y0.clone();
                float[] yv = y0.clone();
                scalar.biasActivate(ys, n, bias, f, 0, m, 0, n);
                vector.biasActivate(yv, n, bias, f, 0, m, 0, n);
                double[] expected = new double[m * n];
                for (int i = 0; i < m * n; i++) {
                    expected[i] = exact(f, (double) (y0[i] + bias[i % n]));
                }
                assertClose(expected, dev.hourglass.engine.TestData.toDouble(ys), 1e-6, 1e-6, f + " scalar n=" + n);
                assertArrayEquals(ys, yv, 0f, f + " simd n=" + n);
            }
        }
    }

    @Test
    void activationDerivativesFromOutputsMatchTheScalarTwin() {
        for (Nonlinearity f : Nonlinearity.values()) {
            for (int n : LENGTHS) {
                float[] y = uniform(n, n, -1f, 1f);
                float[] g0 = uniform(n + 2, n, -1f, 1f);
                float[] gs = g0.clone();
                float[] gv = g0.clone();
                scalar.activationBackward(gs, y, f, 0, n);
                vector.activationBackward(gv, y, f, 0, n);
                assertArrayEquals(gs, gv, 0f, f + " n=" + n);
            }
        }
    }

    @Test
    void derivativesAreWrittenInTermsOfTheOutput() {
        // sigmoid: y = 0.25 -> y(1-y) = 0.1875; tanh: y = 0.5 -> 1 - y² = 0.75; leaky: y < 0 -> 0.01
        assertEquals(0.1875f, ScalarPointwise.derivative(Nonlinearity.SIGMOID, 0.25f));
        assertEquals(0.75f, ScalarPointwise.derivative(Nonlinearity.TANH, 0.5f));
        assertEquals(0.01f, ScalarPointwise.derivative(Nonlinearity.LEAKY_RELU, -0.3f));
        assertEquals(0f, ScalarPointwise.derivative(Nonlinearity.RELU, 0f));
    }

    @Test
    void shiftScaleAndItsInverseMatchTheScalarTwinAndRoundTrip() {
        for (int n : LENGTHS) {
            int m = 2;
            float[] x0 = uniform(n, m * n, -5f, 5f);
            float[] shift = uniform(n + 1, n, -1f, 1f);
            float[] scale = uniform(n + 2, n, 0.5f, 2f);
            float[] xs = x0.clone();
            float[] xv = x0.clone();
            scalar.shiftScale(xs, n, shift, scale, 0, m);
            vector.shiftScale(xv, n, shift, scale, 0, m);
            assertArrayEquals(xs, xv, 0f);
            scalar.unscaleShift(xs, n, shift, scale, 0, m);
            vector.unscaleShift(xv, n, shift, scale, 0, m);
            assertArrayEquals(xs, xv, 0f);
            assertClose(x0, xs, 1e-5, 1e-6, "round trip n=" + n);
        }
    }
}
