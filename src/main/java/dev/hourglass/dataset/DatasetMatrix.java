package dev.hourglass.dataset;

import java.util.List;
import java.util.UUID;

/**
 * A dataset's features, loaded for training: {@code features[r * columns + c]}, row-major. A typed table
 * (DESIGN §8.2) also has {@code levels}, per column null (numeric) or the level names in code order
 * (categorical: the cell holds its level's code as a float), itself null when every column is numeric; and
 * {@code missing[r * columns + c]}, true where the cell is missing (its feature is then 0), null when none is.
 */
public record DatasetMatrix(UUID id, int rows, int columns, float[] features /* row-major */, List<String> featureNames,
        List<List<String>> levels, boolean[] missing /* row-major */) {

    /** An all-numeric matrix without missing cells. */
    public DatasetMatrix(UUID id, int rows, int columns, float[] features, List<String> featureNames) {
        this(id, rows, columns, features, featureNames, null, null);
    }

    /** Whether any column is categorical or any cell missing: plain numeric training does not apply as it is. */
    public boolean typed() {
        return missing != null || levels != null && levels.stream().anyMatch(java.util.Objects::nonNull);
    }
}
