package dev.hourglass.engine.table;

import dev.hourglass.engine.train.Autoencoder;

/**
 * Fills a table's missing cells from a model's reconstruction: the row goes in with its missing cells
 * at their column's mean (as in training), and each missing cell takes the reconstruction's value, a
 * numeric one in the table's units, a categorical one its most probable level. Observed cells stay as
 * they are.
 */
public final class Imputation {

    private Imputation() {
    }

    /**
     * The values of {@code rows} (table columns, categorical cells as level indices) with every missing
     * cell filled; {@code rows} itself is not changed.
     */
    public static float[] impute(Autoencoder model, TableCodec codec, Table rows) {
        int count = rows.rows();
        int cols = rows.columns();
        float[] values = java.util.Arrays.copyOf(rows.values(), count * cols);
        if (rows.missing() == null) {
            return values;
        }
        float[] y = model.reconstruct(codec.encode(rows), count);
        codec.normalizer().invertInPlace(y, count);
        int[] offsets = codec.layout().offsets();
        int width = codec.layout().width();
        for (int r = 0; r < count; r++) {
            for (int c = 0; c < cols; c++) {
                if (rows.missing()[r * cols + c]) {
                    values[r * cols + c] = codec.layout().categorical(c) ? codec.mostProbable(y, r, c)
                            : y[r * width + offsets[c]];
                }
            }
        }
        return values;
    }
}
