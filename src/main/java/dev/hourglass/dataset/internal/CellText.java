package dev.hourglass.dataset.internal;

/** How a download writes a stored cell as text: a number, its level, or empty when missing. */
final class CellText {

    private CellText() {
    }

    /** The current row's cell in {@code column}: {@link FloatText} of a number, a level's name, "" if missing. */
    static String of(RowsWindow window, int column) {
        FeatureRows rows = window.rows();
        if (rows.isMissing(column)) {
            return "";
        }
        float value = rows.get(column);
        return window.levels(column) == null ? FloatText.of(value) : window.levels(column).get((int) value);
    }
}
