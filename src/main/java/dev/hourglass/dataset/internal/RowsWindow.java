package dev.hourglass.dataset.internal;

import java.util.List;

/**
 * What a download writes: the dataset's name, its feature names and label column (null if it has none),
 * and cursors over the window's rows and, if there is a label column, their labels.
 */
public record RowsWindow(String name, List<String> featureNames, String labelColumn, FeatureRows rows,
        StoredLabels labels) {

    public RowsWindow {
        featureNames = List.copyOf(featureNames);
        if ((labelColumn == null) != (labels == null)) {
            throw new IllegalArgumentException("a label column needs its labels, and labels their column");
        }
        if (featureNames.size() != rows.columns()) {
            throw new IllegalArgumentException(featureNames.size() + " names for " + rows.columns() + " columns");
        }
    }
}
