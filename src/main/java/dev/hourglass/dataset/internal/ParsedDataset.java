package dev.hourglass.dataset.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * What a parser read: a row-major {@code rows × columns} feature matrix, already in its stored form
 * (float32 little-endian, 4 bytes a cell), the feature names, and the labels kept apart from the features
 * when a label column was named. {@code name} is the name found inside the content (a JSON document's
 * {@code name}), if any.
 *
 * <p>A typed table (DESIGN §8.2) also has {@code levels}: per column null (numeric) or the level names in code
 * order (categorical; a cell holds its level's code), null as a whole when every column is numeric; and
 * {@code missing}: the missing mask, bit {@code i} (byte {@code i >> 3}, bit {@code i & 7}) set when cell
 * {@code i} is missing (stored as 0), null when none is.
 */
public record ParsedDataset(int rows, int columns, byte[] featureBytes, List<String> featureNames,
        String labelColumn, List<String> labels, String name, List<List<String>> levels, byte[] missing) {

    public ParsedDataset {
        if ((long) rows * columns * Float.BYTES != featureBytes.length || featureNames.size() != columns
                || levels != null && levels.size() != columns
                || missing != null && missing.length != ((long) rows * columns + 7) / 8) {
            throw new IllegalArgumentException("inconsistent shape: " + rows + " × " + columns + " with "
                    + featureBytes.length + " bytes, " + featureNames.size() + " names"
                    + (levels == null ? "" : ", " + levels.size() + " level lists")
                    + (missing == null ? "" : ", " + missing.length + " mask bytes"));
        }
        featureNames = List.copyOf(featureNames);
        labels = labels == null ? null : List.copyOf(labels);
        levels = levels == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(levels));
    }

    /** An all-numeric table without missing cells (IDX, a transform's output). */
    public ParsedDataset(int rows, int columns, byte[] featureBytes, List<String> featureNames, String labelColumn,
            List<String> labels, String name) {
        this(rows, columns, featureBytes, featureNames, labelColumn, labels, name, null, null);
    }

    /** A read-only view of the features as floats, without copying them. */
    public FloatBuffer featureView() {
        return ByteBuffer.wrap(featureBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().asReadOnlyBuffer();
    }

    /** A copy of the features as a {@code float[]} (for small datasets and tests). */
    public float[] features() {
        float[] values = new float[rows * columns];
        featureView().get(values);
        return values;
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
