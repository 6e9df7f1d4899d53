package dev.hourglass.dataset.internal;

/**
 * How a stored float32 is written in downloads (CSV cells and JSON numbers alike): {@link Float#toString},
 * which gives a text that reads back to the same float32 (Java's {@code Float.parseFloat}, and also the
 * uploader's and Python's route through a double, {@code (float) Double.parseDouble}), with a trailing
 * {@code .0} dropped from whole numbers ({@code 255}, not {@code 255.0}). Large and small magnitudes keep
 * Java's exponent form ({@code 1.0E-5}, {@code 3.4028235E38}), which CSV readers, JSON and Python's
 * {@code float()} all read. Negative zero stays {@code -0.0}: JSON parsers read {@code -0} as the integer 0.
 */
public final class FloatText {

    private FloatText() {
    }

    public static String of(float value) {
        String text = Float.toString(value);
        if (text.endsWith(".0") && !text.equals("-0.0")) {
            return text.substring(0, text.length() - 2);
        }
        return text;
    }
}
