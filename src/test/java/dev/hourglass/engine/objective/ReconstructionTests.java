package dev.hourglass.engine.objective;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.toDouble;
import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hourglass.engine.spec.LossKind;
import org.junit.jupiter.api.Test;

class ReconstructionTests {

    private static final int M = 3;
    private static final int N = 7;
    private static final double H = 1e-6;

    static double mse(double[] y, double[] t) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] - t[i]) * (y[i] - t[i]);
        }
        return s / y.length;
    }

    /** Mean of −[t log σ(z) + (1−t) log(1−σ(z))], written naively in double. */
    static double bce(double[] z, double[] t) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double p = 1 / (1 + Math.exp(-z[i]));
            s -= t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p);
        }
        return s / z.length;
    }

    private static double[] numeric(double[] v, java.util.function.ToDoubleFunction<double[]> f) {
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double keep = v[i];
            v[i] = keep + H;
            double up = f.applyAsDouble(v);
            v[i] = keep - H;
            double down = f.applyAsDouble(v);
            v[i] = keep;
            g[i] = (up - down) / (2 * H);
        }
        return g;
    }

    @Test
    void mseIsTheMeanOverAllElementsWithMatchingGradient() {
        float[] y = uniform(1, M * N, 0f, 1f);
        float[] t = uniform(2, M * N, 0f, 1f);
        float[] g = new float[M * N];
        double loss = Reconstruction.lossAndGradient(LossKind.MSE, y, t, g, M, N);
        double[] td = toDouble(t);
        assertEquals(mse(toDouble(y), td), loss, 1e-7);
        assertClose(numeric(toDouble(y), v -> mse(v, td)), toDouble(g), 1e-7, 1e-4, "dMSE/dy");
    }

    @Test
    void mseOfAHandWorkedExample() {
        // rows (0.5, 1) vs (0, 1): ((0.5)² + 0²) / 2 = 0.125; gradient 2·0.5/2 = 0.5 and 0
        float[] g = new float[2];
        double loss = Reconstruction.lossAndGradient(LossKind.MSE, new float[] {0.5f, 1f}, new float[] {0f, 1f}, g, 1, 2);
        assertEquals(0.125, loss, 1e-9);
        assertEquals(0.5f, g[0]);
        assertEquals(0f, g[1]);
    }

    @Test
    void bceFromLogitsMatchesTheNaiveFormulaAndItsGradient() {
        float[] z = uniform(3, M * N, -4f, 4f);
        float[] t = uniform(4, M * N, 0f, 1f);
        float[] g = new float[M * N];
        double loss = Reconstruction.lossAndGradient(LossKind.BCE, z, t, g, M, N);
        double[] td = toDouble(t);
        assertEquals(bce(toDouble(z), td), loss, 1e-6);
        assertClose(numeric(toDouble(z), v -> bce(v, td)), toDouble(g), 1e-7, 1e-4, "dBCE/dz");
    }

    @Test
    void bceStaysFiniteForSaturatedLogits() {
        float[] g = new float[2];
        double loss = Reconstruction.lossAndGradient(LossKind.BCE, new float[] {100f, -100f}, new float[] {0f, 1f}, g, 1, 2);
        // each term ≈ 100 (log(1 + e^100) − 0 ≈ 100)
        assertEquals(100.0, loss, 1e-4);
        assertEquals(0.5f, g[0], 1e-6f);
        assertEquals(-0.5f, g[1], 1e-6f);
    }
}
