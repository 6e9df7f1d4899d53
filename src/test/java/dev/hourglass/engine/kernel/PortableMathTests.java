package dev.hourglass.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * The portable transcendental functions: accurate against StrictMath, and the SIMD form gives the
 * same bits as the scalar form for every input, which is what makes training reproducible across
 * processes whatever the JIT has compiled.
 */
class PortableMathTests {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private static float[] inputs(float lo, float hi) {
        Random random = new Random(1);
        float[] x = new float[S.length() * 4096];
        for (int i = 0; i < x.length; i++) {
            x[i] = lo + (hi - lo) * random.nextFloat();
        }
        float[] edges = {0f, -0f, 1e-30f, -1e-30f, 0.625f, -0.625f, 0.6249999f, lo, hi, 88f, -87f};
        int k = 0;
        for (float edge : edges) {
            if (edge >= lo && edge <= hi) {
                x[k++] = edge;
            }
        }
        return x;
    }

    private static void assertSameBits(float[] x, UnaryOperator<FloatVector> vector, java.util.function.Function<Float, Float> scalar) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i += S.length()) {
            vector.apply(FloatVector.fromArray(S, x, i)).intoArray(out, i);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(scalar.apply(x[i])), Float.floatToIntBits(out[i]), "x = " + x[i]);
        }
    }

    private static void assertAccurate(float[] x, java.util.function.Function<Float, Float> f, DoubleUnaryOperator exact,
            double relative, double absolute) {
        for (float v : x) {
            double want = exact.applyAsDouble(v);
            double got = f.apply(v);
            assertTrue(Math.abs(got - want) <= relative * Math.abs(want) + absolute,
                    "f(" + v + ") = " + got + ", exact " + want);
        }
    }

    @Test
    void expIsAccurateAndTheSameOnBothPaths() {
        float[] x = inputs(-87f, 88f);
        assertAccurate(x, PortableMath::exp, Math::exp, 3e-7, 0);
        assertSameBits(x, PortableMath::exp, PortableMath::exp);
    }

    @Test
    void sigmoidIsAccurateAndTheSameOnBothPaths() {
        float[] x = inputs(-30f, 30f);
        assertAccurate(x, PortableMath::sigmoid, v -> 1 / (1 + StrictMath.exp(-v)), 4e-7, 1e-38);
        assertSameBits(x, PortableMath::sigmoid, PortableMath::sigmoid);
        assertEquals(1f, PortableMath.sigmoid(1000f));
        assertTrue(PortableMath.sigmoid(-1000f) >= 0f && PortableMath.sigmoid(-1000f) < 1e-37f);
        assertEquals(0.5f, PortableMath.sigmoid(0f));
    }

    @Test
    void tanhIsAccurateNearZeroAndFarOutAndTheSameOnBothPaths() {
        float[] x = inputs(-12f, 12f);
        assertAccurate(x, PortableMath::tanh, StrictMath::tanh, 4e-7, 1e-7);
        float[] small = inputs(-1e-3f, 1e-3f);
        assertAccurate(small, PortableMath::tanh, StrictMath::tanh, 2e-7, 0);
        assertSameBits(x, PortableMath::tanh, PortableMath::tanh);
        assertEquals(-1f, PortableMath.tanh(-1000f));
    }

    @Test
    void log1pIsAccurateOnTheUnitIntervalAndTheSameOnBothPaths() {
        float[] x = inputs(0f, 1f);
        assertAccurate(x, PortableMath::log1p, StrictMath::log1p, 3e-7, 0);
        assertSameBits(x, PortableMath::log1p, PortableMath::log1p);
    }

    @Test
    void lanesAreSummedInLaneOrder() {
        float[] x = new float[S.length()];
        x[0] = 1e8f;
        x[x.length - 1] = -1e8f;
        for (int i = 1; i < x.length - 1; i++) {
            x[i] = 1f;
        }
        double expected = 0;
        for (float v : x) {
            expected += v;
        }
        assertEquals(expected, PortableMath.sumLanes(FloatVector.fromArray(S, x, 0)));
    }
}
