package dev.hourglass.dataset.internal;

import java.util.List;

/**
 * What a download writes: the dataset's name, its feature names and label column (null if it has none),
 * cursors over the window's rows and, if there is a label column, their labels; and each column's levels in
 * code order (null for a numeric column; {@code levels} itself null when every column is numeric).
 */
public record RowsWindow(String name, List<String> featureNames, String labelColumn, FeatureRows rows,
        StoredLabels labels, List<List<String>> levels) {

    public RowsWindow {
        featureNames = List.copyOf(featureNames);
        if (levels != null && levels.size() != featureNames.size()) {
            throw new IllegalArgumentException(levels.size() + " level lists for " + featureNames.size() + " columns");
        }
        if ((labelColumn == null) != (labels == null)) {
            throw new IllegalArgumentException("a label column needs its labels, and labels their column");
        }
        if (featureNames.size() != rows.columns()) {
            throw new IllegalArgumentException(featureNames.size() + " names for " + rows.columns() + " columns");
        }
    }

    /** An all-numeric window without missing cells. */
    public RowsWindow(String name, List<String> featureNames, String labelColumn, FeatureRows rows,
            StoredLabels labels) {
        this(name, featureNames, labelColumn, rows, labels, null);
    }

    /** Whether the table is typed (DESIGN §8.2): a categorical column or a missing cell. */
    public boolean typed() {
        return levels != null || rows.hasMissingMask();
    }

    /** The level names of {@code column} in code order, or null if it is numeric. */
    public List<String> levels(int column) {
        return levels == null ? null : levels.get(column);
    }
}
