package dev.hourglass.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FloatTextTests {

    @Test
    void writesWholeNumbersWithoutAFractionAndKeepsJavasExponentsAndNegativeZero() {
        assertThat(FloatText.of(255f)).isEqualTo("255");
        assertThat(FloatText.of(-3f)).isEqualTo("-3");
        assertThat(FloatText.of(0f)).isEqualTo("0");
        assertThat(FloatText.of(-0f)).isEqualTo("-0.0");
        assertThat(FloatText.of(0.1f)).isEqualTo("0.1");
        assertThat(FloatText.of(1e-5f)).isEqualTo("1.0E-5");
        assertThat(FloatText.of(1e7f)).isEqualTo("1.0E7");
        assertThat(FloatText.of(9_999_999f)).isEqualTo("9999999");
        assertThat(FloatText.of(Float.MAX_VALUE)).isEqualTo("3.4028235E38");
        assertThat(FloatText.of(Float.MIN_VALUE)).isEqualTo("1.4E-45");
        // JDK 19 made Float.toString the shortest text that reads back (JDK-4511638); both read back to MIN_NORMAL.
        assertThat(FloatText.of(Float.MIN_NORMAL)).isIn("1.17549435E-38", "1.1754944E-38");
        // 123456.789 is not a float32; the nearest one is 123456.7890625, and "123456.79" already picks it out.
        assertThat(FloatText.of(123456.789f)).isEqualTo("123456.79");
    }

    @Test
    void everyFiniteFloatReadsBackToItselfAsAFloatAndThroughADouble() {
        // Java's parseFloat, and the route the uploader (Cells) and Python's float() then numpy.float32 take:
        // the text to the nearest double, then to the nearest float32.
        Random random = new Random(42);
        int checked = 0;
        for (int i = 0; i < 500_000; i++) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                assertReadsBack(value);
                checked++;
            }
        }
        for (int bits = 0; bits < 100_000; bits++) {
            assertReadsBack(Float.intBitsToFloat(bits));
            assertReadsBack(-Float.intBitsToFloat(0x7f7fffff - bits));
        }
        assertThat(checked).isGreaterThan(490_000);
    }

    private static void assertReadsBack(float value) {
        String text = FloatText.of(value);
        int bits = Float.floatToRawIntBits(value);
        if (Float.floatToRawIntBits(Float.parseFloat(text)) != bits
                || Float.floatToRawIntBits((float) Double.parseDouble(text)) != bits) {
            throw new AssertionError(text + " does not read back to " + value + " (bits " + Integer.toHexString(bits) + ")");
        }
    }
}
