package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hourglass.engine.spec.Normalization;
import org.junit.jupiter.api.Test;

class NormalizerTests {

    // three rows of (x, constant, y): column 0 = 1, 3, 5; column 1 = 4, 4, 4; column 2 = −1, 0, 1
    private static final float[] DATA = {1f, 4f, -1f, 3f, 4f, 0f, 5f, 4f, 1f};

    @Test
    void minMaxMapsEachColumnOntoZeroOneAndKeepsConstantsAtRangeOne() {
        Normalizer n = Normalizer.fit(Normalization.MINMAX, DATA, 3, 3);
        float[] x = DATA.clone();
        n.applyInPlace(x, 3);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0.5f, 0f, 0.5f, 1f, 0f, 1f}, x, 1e-7f);
        assertArrayEquals(new float[] {1f, 4f, -1f}, n.a());
        assertArrayEquals(new float[] {0.25f, 1f, 0.5f}, n.b());
    }

    @Test
    void zScoreCentersAndScalesByThePopulationStd() {
        // column 0: mean 3, std sqrt(8/3); column 1: std 0 -> 1; column 2: mean 0, std sqrt(2/3)
        Normalizer n = Normalizer.fit(Normalization.ZSCORE, DATA, 3, 3);
        float[] x = DATA.clone();
        n.applyInPlace(x, 3);
        double s0 = Math.sqrt(8.0 / 3);
        double s2 = Math.sqrt(2.0 / 3);
        assertClose(new double[] {-2 / s0, 0, -1 / s2, 0, 0, 0, 2 / s0, 0, 1 / s2},
                dev.hourglass.engine.TestData.toDouble(x), 1e-6, 1e-6, "z-scores");
    }

    @Test
    void invertUndoesApplyAndBytesRoundTrip() {
        for (Normalization kind : Normalization.values()) {
            Normalizer n = Normalizer.fromBytes(Normalizer.fit(kind, DATA, 3, 3).toBytes());
            assertEquals(kind, n.kind());
            float[] x = DATA.clone();
            n.applyInPlace(x, 3);
            n.invertInPlace(x, 3);
            assertArrayEquals(DATA, x, 1e-6f);
        }
        assertThrows(IllegalArgumentException.class, () -> Normalizer.fromBytes(new byte[] {1, 2, 3}));
    }

    @Test
    void fittingOnChosenRowsEqualsFittingOnTheirCopy() {
        float[] data = new float[7 * 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 37 % 11) - 3.5f * (i % 5);
        }
        int[] rows = {6, 1, 4};
        float[] copy = new float[rows.length * 5];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, rows[i] * 5, copy, i * 5, 5);
        }
        for (Normalization kind : Normalization.values()) {
            Normalizer chosen = Normalizer.fit(kind, data, 5, rows);
            Normalizer copied = Normalizer.fit(kind, copy, rows.length, 5);
            assertArrayEquals(copied.a(), chosen.a(), kind.toString());
            assertArrayEquals(copied.b(), chosen.b(), kind.toString());
        }
    }
}
