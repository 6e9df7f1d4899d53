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
 */
public record ParsedDataset(int rows, int columns, byte[] featureBytes, List<String> featureNames,
        String labelColumn, List<String> labels, String name) {

    public ParsedDataset {
        if ((long) rows * columns * Float.BYTES != featureBytes.length || featureNames.size() != columns) {
            throw new IllegalArgumentException("inconsistent shape: " + rows + " × " + columns + " with "
                    + featureBytes.length + " bytes and " + featureNames.size() + " names");
        }
        featureNames = List.copyOf(featureNames);
        labels = labels == null ? null : List.copyOf(labels);
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
