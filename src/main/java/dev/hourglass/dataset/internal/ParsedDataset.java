package dev.hourglass.dataset.internal;

import java.util.List;

/**
 * What a parser read: a row-major {@code rows × columns} feature matrix, the feature names, and the labels
 * kept apart from the features when a label column was named. {@code name} is the name found inside the
 * content (a JSON document's {@code name}), if any.
 */
public record ParsedDataset(int rows, int columns, float[] features, List<String> featureNames,
        String labelColumn, List<String> labels, String name) {

    public ParsedDataset {
        if ((long) rows * columns != features.length || featureNames.size() != columns) {
            throw new IllegalArgumentException("inconsistent shape: " + rows + " × " + columns + " with "
                    + features.length + " cells and " + featureNames.size() + " names");
        }
        featureNames = List.copyOf(featureNames);
        labels = labels == null ? null : List.copyOf(labels);
    }

    /** {@code prefix0 … prefix(count−1)}: the names of columns that came without any. */
    public static List<String> numberedNames(String prefix, int count) {
        List<String> names = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
