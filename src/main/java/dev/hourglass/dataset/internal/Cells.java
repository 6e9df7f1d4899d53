package dev.hourglass.dataset.internal;

/**
 * Turns one cell into a float32 feature value. Every stored value is finite and within float range, so
 * {@code NaN} can serve as the "invalid" answer on the fast path; the reason is worked out only for the
 * error message. Also tells the missing-cell markers and the spellings of non-finite numbers apart from
 * text, which a categorical column takes as a level.
 */
final class Cells {

    private Cells() {
    }

    /** How a cell is named in an error: one-based data row and column name. */
    static String at(long row, String column) {
        return "row " + row + ", column \"" + column + "\"";
    }

    /**
     * Whether a cell (stripped, as CSV holds it) is missing: empty, {@code NA} or {@code NaN}, these exact
     * spellings. JSON strings use the same markers (unstripped); JSON {@code null} is missing too.
     */
    static boolean isMissing(String text) {
        return text.isEmpty() || text.equals("NA") || text.equals("NaN");
    }

    /**
     * Whether text spells a number that no float32 holds: infinity or a NaN other than the missing marker (any
     * case and sign), or a decimal beyond the float32 range. Outside a column declared CATEGORICAL these are
     * refused rather than taken as levels, so that a stray {@code inf} does not turn a numeric column into text.
     */
    static boolean isNonFinite(String text) {
        String t = text.strip();
        if (t.toLowerCase(java.util.Locale.ROOT).matches("[+-]?(nan|inf|infinity)")) {
            return true;
        }
        if (!plainDecimal(t)) {
            return false;
        }
        try {
            return Double.isFinite(Double.parseDouble(t)) && Float.isNaN(narrow(Double.parseDouble(t)));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A decimal number in text (as CSV holds it), or {@code NaN} if it is not a finite float32. */
    static float parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || !plainDecimal(t)) {
            return Float.NaN;
        }
        try {
            return narrow(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return Float.NaN;
        }
    }

    /** Why {@link #parse} refused {@code text}, which is not empty (an empty cell is missing, not refused). */
    static String whyNot(String text) {
        String t = text.strip();
        String shown = '"' + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + '"';
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.matches("[+-]?(nan|inf|infinity)")) {
            return shown + " is not a finite number";
        }
        if (plainDecimal(t)) {
            try {
                Double.parseDouble(t);
                return shown + " is outside the float32 range (±" + Float.MAX_VALUE + ")";
            } catch (NumberFormatException e) {
                return shown + " is not a number";
            }
        }
        return shown + " is not a number";
    }

    /** A double as float32, or {@code NaN} if it is not finite or overflows float range. */
    static float narrow(double v) {
        float f = (float) v;
        return Float.isFinite(f) ? f : Float.NaN;
    }

    /** Why {@link #narrow} refused {@code v}. */
    static String whyNot(double v) {
        return Double.isFinite(v) ? v + " is outside the float32 range (±" + Float.MAX_VALUE + ")"
                : v + " is not a finite number";
    }

    /**
     * Only what a decimal literal can hold: Java's parser would also take {@code 1f}, {@code 2d},
     * {@code 0x1p3}, {@code NaN} and {@code Infinity}, none of which a CSV of numbers should contain.
     */
    private static boolean plainDecimal(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
