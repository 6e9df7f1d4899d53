package dev.hourglass.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.hourglass.engine.kernel.ComputeContext;

class OptimizerTests {

    private static Optimizer optimizer(OptimizerKind kind, float lr, float[] w, float[] g, float decay2) {
        return new Optimizer(kind, lr, 0.9f, List.of(w), List.of(g), new float[] {decay2});
    }

    @Test
    void sgdStepsAgainstTheGradientPlusWeightDecay() {
        float[] w = {1f, -2f};
        float[] g = {0.5f, 0.25f};
        optimizer(OptimizerKind.SGD, 0.1f, w, g, 0.2f).step(ComputeContext.serial());
        // w − 0.1·(g + 0.2·w): 1 − 0.1·(0.5 + 0.2) = 0.93; −2 − 0.1·(0.25 − 0.4) = −1.985
        assertEquals(0.93f, w[0], 1e-7f);
        assertEquals(-1.985f, w[1], 1e-7f);
    }

    @Test
    void momentumAccumulatesAVelocityLikePyTorch() {
        float[] w = {0f};
        float[] g = {1f};
        Optimizer o = optimizer(OptimizerKind.MOMENTUM, 0.1f, w, g, 0f);
        o.step(ComputeContext.serial());   // buf = 1, w = −0.1
        o.step(ComputeContext.serial());   // buf = 0.9 + 1 = 1.9, w = −0.1 − 0.19 = −0.29
        assertEquals(-0.29f, w[0], 1e-7f);
    }

    @Test
    void adamsFirstStepMovesEachWeightByTheLearningRate() {
        // step 1: m̂ = g, v̂ = g², so Δw = −lr · g / (|g| + ε) ≈ −lr · sign(g)
        float[] w = {1f, 1f};
        float[] g = {3f, -0.01f};
        optimizer(OptimizerKind.ADAM, 1e-3f, w, g, 0f).step(ComputeContext.serial());
        assertEquals(1f - 1e-3f, w[0], 1e-7f);
        assertEquals(1f + 1e-3f, w[1], 1e-7f);
    }

    @Test
    void adamsSecondStepUsesBiasCorrectedMoments() {
        float[] w = {0f};
        float[] g = {1f};
        Optimizer o = optimizer(OptimizerKind.ADAM, 0.1f, w, g, 0f);
        o.step(ComputeContext.serial());
        g[0] = 2f;
        o.step(ComputeContext.serial());
        // m = 0.9·0.1 + 0.1·2 = 0.29, m̂ = 0.29/0.19; v = 0.999·0.001 + 0.001·4 = 0.004999, v̂ = v/0.001999
        double mHat = 0.29 / 0.19;
        double vHat = 0.004999 / (1 - 0.999 * 0.999);
        assertEquals(-0.1 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), w[0], 1e-6);
    }

    @Test
    void stateRoundTripsAndIsValidated() {
        float[] w = {1f, 2f, 3f};
        float[] g = {0.1f, 0.2f, 0.3f};
        Optimizer a = optimizer(OptimizerKind.ADAM, 0.01f, w, g, 0f);
        a.step(ComputeContext.serial());
        Optimizer b = optimizer(OptimizerKind.ADAM, 0.01f, w.clone(), g, 0f);
        b.restore(a.steps(), a.stateCopy());
        assertEquals(1, b.steps());
        assertEquals(a.stateCopy().get(1)[2], b.stateCopy().get(1)[2]);
        assertThrows(IllegalArgumentException.class, () -> b.restore(1, List.of(new float[3])));
    }
}
