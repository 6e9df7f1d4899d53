package dev.hourglass.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScalarMathTests {

    @Test
    void expIsWithinAFewUlpOverItsWholeRange() {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.0137f) {
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(ScalarMath.exp(x) - exact) / exact);
        }
        assertTrue(worst < 3e-7, "worst relative error " + worst);
        assertEquals(1f, ScalarMath.exp(0f));
    }

    @Test
    void sigmoidAndTanhSaturateCleanlyAndPropagateNaN() {
        assertEquals(1f, ScalarMath.sigmoid(200f));
        assertTrue(ScalarMath.sigmoid(-200f) < 1e-37f && ScalarMath.sigmoid(-200f) >= 0f);
        assertEquals(1f, ScalarMath.tanh(30f));
        assertEquals(-1f, ScalarMath.tanh(-30f));
        assertTrue(Float.isNaN(ScalarMath.sigmoid(Float.NaN)));
        assertTrue(Float.isNaN(ScalarMath.tanh(Float.NaN)));
        for (float z = -9f; z <= 9f; z += 0.01f) {
            assertEquals(Math.tanh(z), ScalarMath.tanh(z), 2e-7, "tanh " + z);
            assertEquals(1 / (1 + Math.exp(-z)), ScalarMath.sigmoid(z), 2e-7, "sigmoid " + z);
        }
    }

    @Test
    void log1pOfUnitArgumentsIsAccurateDownToTinyValues() {
        for (float e : new float[] {0f, 1e-30f, 1e-8f, 1e-3f, 0.25f, 0.5f, 0.99f, 1f}) {
            double exact = Math.log1p(e);
            assertEquals(exact, ScalarMath.log1pUnit(e), 2e-7 * Math.max(exact, 1e-30), "log1p " + e);
        }
    }
}
