package dev.hourglass.engine.layer;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.toDouble;
import static dev.hourglass.engine.TestData.uniform;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Nonlinearity;
import dev.hourglass.engine.random.SplitMix64;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks: the layer's analytic gradients against central differences of an independent
 * double-precision forward pass, for the scalar objective L = Σ c ⊙ y with fixed random c.
 */
class DenseTests {

    private static final int M = 4;
    private static final int IN = 6;
    private static final int OUT = 5;
    private static final double H = 1e-6;

    static double f(Activation a, double z) {
        return switch (a) {
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case RELU -> Math.max(z, 0);
            case LEAKY_RELU -> z > 0 ? z : 0.01 * z;
            case LINEAR -> z;
        };
    }

    /** L = Σ_ij c(i,j) · f(Σ_p x(i,p) W(p,j) + b(j)); W(p,j) at w[p·out + j], or w[j·in + p] if transposed. */
    static double objective(double[] x, double[] w, double[] b, double[] c, Activation a, boolean transposed) {
        double sum = 0;
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < OUT; j++) {
                double z = b[j];
                for (int p = 0; p < IN; p++) {
                    z += x[i * IN + p] * (transposed ? w[j * IN + p] : w[p * OUT + j]);
                }
                sum += c[i * OUT + j] * f(a, z);
            }
        }
        return sum;
    }

    interface Objective {
        double at(double[] v);
    }

    static double[] numericGradient(double[] v, Objective o) {
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + H;
            double up = o.at(v);
            v[i] = keep - H;
            double down = o.at(v);
            v[i] = keep;
            g[i] = (up - down) / (2 * H);
        }
        return g;
    }

    private static void check(Activation a, boolean tied) {
        Dense layer;
        if (tied) {
            Dense source = Dense.create(OUT, IN, Activation.LINEAR);
            source.initialize(new SplitMix64(7));
            layer = Dense.tiedTo(source, a);
        } else {
            layer = Dense.create(IN, OUT, a);
        }
        layer.initialize(new SplitMix64(11));
        float[] x = uniform(1, M * IN, -1.5f, 1.5f);
        float[] c = uniform(2, M * OUT, -1f, 1f);
        float[] y = new float[M * OUT];
        float[] dx = new float[M * IN];
        ComputeContext ctx = ComputeContext.serial();
        layer.forward(ctx, x, M, y, true);
        float[] dz = c.clone();   // ∂L/∂y = c, then ∂L/∂z = c ⊙ f'(z)
        Kernels.activationBackwardInPlace(ctx, dz, y, M * OUT, a.nonlinearity());
        layer.backward(ctx, x, dz, M, dx, Nonlinearity.LINEAR);

        double[] xd = toDouble(x);
        double[] wd = toDouble(layer.weight());
        double[] bd = toDouble(layer.bias());
        double[] cd = toDouble(c);
        String name = a + (tied ? " tied" : "");
        double[] expectedY = new double[M * OUT];
        for (int i = 0; i < M * OUT; i++) {
            double[] unit = new double[M * OUT];
            unit[i] = 1;
            expectedY[i] = objective(xd, wd, bd, unit, a, tied);
        }
        assertClose(expectedY, toDouble(y), 1e-6, 1e-5, name + " forward");
        assertClose(numericGradient(wd, v -> objective(xd, v, bd, cd, a, tied)), toDouble(layer.weightGrad()),
                1e-5, 1e-4, name + " dW");
        assertClose(numericGradient(bd, v -> objective(xd, wd, v, cd, a, tied)), toDouble(layer.biasGrad()),
                1e-5, 1e-4, name + " db");
        assertClose(numericGradient(xd, v -> objective(v, wd, bd, cd, a, tied)), toDouble(dx),
                1e-5, 1e-4, name + " dx");
    }

    @Test
    void gradientsMatchCentralDifferencesForEveryActivation() {
        for (Activation a : Activation.values()) {
            check(a, false);
        }
    }

    @Test
    void aTiedLayerBackpropagatesThroughTheTransposedWeight() {
        for (Activation a : Activation.values()) {
            check(a, true);
        }
    }

    @Test
    void initializationDrawsFromPlusMinusOneOverRootFanIn() {
        Dense layer = Dense.create(400, 30, Activation.RELU);
        layer.initialize(new SplitMix64(3));
        float bound = (float) (1 / Math.sqrt(400));
        float max = 0;
        for (float w : layer.weight()) {
            max = Math.max(max, Math.abs(w));
        }
        for (float b : layer.bias()) {
            max = Math.max(max, Math.abs(b));
        }
        org.junit.jupiter.api.Assertions.assertTrue(max <= bound && max > 0.95f * bound, "max |w| = " + max);
    }
}
