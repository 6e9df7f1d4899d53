package dev.hourglass.dataset.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The original texts of the numbers read so far in columns that may still turn categorical (a text cell
 * further down does that), so that their earlier cells become levels by the text they had: {@code 02139}, not
 * {@code 2139}. Short plain integers ({@code 1}, {@code -42}) are not kept: {@link FloatText} writes them back
 * from the value; a column keeps at most {@code maxLevels} (beyond that it has too many distinct values
 * to turn categorical anyway, and keeps none), and all columns together at most {@link #MAX_KEPT}, which bounds
 * the memory of wide numeric uploads. Past that budget, and where two texts read as the same float ({@code 1} and
 * {@code 1.0}), a level is the first text kept or the value as {@link FloatText} writes it.
 */
final class NumericTexts {

    /** About 25 MB of short strings and map entries at most. */
    static final int MAX_KEPT = 1 << 18;

    private final int maxPerColumn;
    private final Map<Integer, String>[] byColumn;
    private final boolean[] saturated;
    private int kept;

    @SuppressWarnings("unchecked")
    NumericTexts(int columns, int maxPerColumn) {
        this.maxPerColumn = maxPerColumn;
        this.byColumn = new Map[columns];
        this.saturated = new boolean[columns];
    }

    /** Whether {@link #keep} would keep a text in {@code column} (so a caller can spare making it). */
    boolean wants(int column) {
        return !saturated[column] && kept < MAX_KEPT;
    }

    /** Notes that {@code text} was read as {@code value} in {@code column}. */
    void keep(int column, float value, String text) {
        if (!wants(column) || isPlainInteger(text)) {
            return;
        }
        Map<Integer, String> texts = byColumn[column];
        if (texts == null) {
            texts = byColumn[column] = new HashMap<>();
        }
        if (texts.putIfAbsent(Float.floatToRawIntBits(value), text) == null) {
            kept++;
            if (texts.size() > maxPerColumn) {
                forget(column);
                saturated[column] = true;
            }
        }
    }

    /**
     * An optional minus and at most 7 digits without a leading zero: a float32 holds it exactly and
     * {@link FloatText} writes it back as it was ({@code -0} is written {@code -0.0}, so it is not one).
     */
    static boolean isPlainInteger(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 7 || text.charAt(start) == '0' && (digits > 1 || start == 1)) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The text {@code value} had in {@code column}. */
    String text(int column, float value) {
        Map<Integer, String> texts = byColumn[column];
        String text = texts == null ? null : texts.get(Float.floatToRawIntBits(value));
        return text != null ? text : FloatText.of(value);
    }

    /** Frees a column's texts (it turned categorical, or has too many). */
    void forget(int column) {
        if (byColumn[column] != null) {
            kept -= byColumn[column].size();
            byColumn[column] = null;
        }
    }
}
