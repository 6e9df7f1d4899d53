package dev.hourglass.model;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/**
 * A stored dataset's rows as a model reads them, for every caller that runs a whole dataset through a model (a
 * transform job, a projection): whether the dataset fits the model, its rows in the model's terms, and those rows
 * as the network's input or codes, with the same engine calls as {@code encode}.
 *
 * <p>A plain model reads a dataset's columns by position (its own column names in another order are refused, other
 * names are only worth a warning); a model trained on a typed table also reads them by position, each categorical
 * cell's level looked up by name among the model's levels (a level the model has not seen becomes a missing cell);
 * a multimodal model reads its modalities' columns by name, wherever they are among others, and they must be
 * complete numbers. The model module knows nothing of datasets (DESIGN.md §1): callers describe a dataset as
 * {@link Column}s and hand its rows over as a {@link Source}.
 */
public final class ModelInputs {

    private ModelInputs() {
    }

    /** A dataset's column as a model checks it before reading any row. */
    public record Column(String name, boolean categorical, boolean hasMissing) {
    }

    /**
     * A dataset's rows as they are stored: {@code features[r * columns + c]}; per column null or its level names
     * (itself null when every column is numeric), a categorical cell holding its level's code; {@code missing} as
     * {@code features}, null when no cell is missing.
     */
    public record Source(int rows, int columns, float[] features, List<String> featureNames,
            List<List<String>> levels, boolean[] missing) {
    }

    /**
     * Rows(count, width) in the model's terms, in the caller's units (not normalized): a plain model's inputs, a
     * multimodal model's modalities' columns in its order, or a typed model's table columns with its level codes
     * and {@code missing} (null for the other two). {@code columns} names the {@code width} columns.
     */
    public record Input(float[] values, boolean[] missing, int count, int width, List<String> columns) {

        /** A copy of rows {@code [from, from + count)}. */
        public Input range(int from, int count) {
            return new Input(Arrays.copyOfRange(values, from * width, (from + count) * width),
                    missing == null ? null : Arrays.copyOfRange(missing, from * width, (from + count) * width), count,
                    width, columns);
        }
    }

    /**
     * Why a dataset of these columns cannot go through {@code model}, as a sentence to answer with; null when it
     * can. A plain or typed model needs as many columns, of the types it was trained on, and not its own columns
     * in another order (they would be read into the wrong inputs); a multimodal model needs each of its columns,
     * numeric and complete.
     */
    public static String misfit(LoadedModel model, List<Column> dataset) {
        if (model.autoencoder().spec().multimodal() != null) {
            return modalityMisfit(model, dataset);
        }
        if (dataset.size() != model.columns()) {
            return "the dataset has " + dataset.size() + " columns; the model takes " + model.columns();
        }
        boolean typed = dataset.stream().anyMatch(c -> c.categorical() || c.hasMissing());
        TableColumns table = model.table();
        if (table == null && typed) {
            return "the model was trained on plain numbers; this dataset has categorical columns or missing cells";
        }
        for (int c = 0; table != null && typed && c < dataset.size(); c++) {
            if (table.categorical(c) != dataset.get(c).categorical()) {
                return "column " + c + " ('" + dataset.get(c).name() + "') is " + kind(dataset.get(c).categorical())
                        + " in the dataset and " + kind(table.categorical(c)) + " in the model";
            }
        }
        if (table != null && !typed && table.layout().hasCategorical()) {
            return "the model has categorical columns; this dataset has numbers only";
        }
        List<String> names = dataset.stream().map(Column::name).toList();
        String first = firstDifference(model.featureNames(), names);
        if (first != null && new HashSet<>(model.featureNames()).equals(new HashSet<>(names))) {
            return "the dataset has the model's columns in another order (" + first + "); rows are read by position, "
                    + "so put them in the model's order";
        }
        return null;
    }

    private static String modalityMisfit(LoadedModel model, List<Column> dataset) {
        if (model.featureNames() == null) {
            return "the model's file has no column names to find its modalities' columns by";
        }
        for (String name : model.featureNames()) {
            Column column = dataset.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
            if (column == null) {
                return "the dataset has no column '" + name + "', which the model's modalities read";
            }
            if (column.categorical() || column.hasMissing()) {
                return "column '" + name + "' is categorical or has missing cells; a multimodal model reads numbers";
            }
        }
        return null;
    }

    /**
     * A warning for a dataset that fits a plain or typed model (see {@link #misfit}) under other column names: its
     * rows are read by position all the same. Null when the names are the model's, or the model's are not known.
     */
    public static String renamed(LoadedModel model, List<String> names) {
        if (model.autoencoder().spec().multimodal() != null) {
            return null;   // read by name
        }
        String first = firstDifference(model.featureNames(), names);
        return first == null ? null : "The dataset's column names are not the model's (" + first + "); its rows are "
                + "read by position";
    }

    /** Where two lists of as many names first differ, as a phrase; null when they do not, or the model's are unknown. */
    private static String firstDifference(List<String> model, List<String> dataset) {
        if (model == null || model.equals(dataset)) {
            return null;
        }
        int i = 0;
        while (model.get(i).equals(dataset.get(i))) {
            i++;
        }
        return "column " + i + " is '" + dataset.get(i) + "' where the model has '" + model.get(i) + "'";
    }

    private static String kind(boolean categorical) {
        return categorical ? "categorical" : "numeric";
    }

    /**
     * Every row of {@code data} in the model's terms, the dataset already found to fit ({@link #misfit}). A plain
     * model's input shares {@code data}'s features: take a {@link Input#range} before normalizing it.
     */
    public static Input read(LoadedModel model, Source data) {
        return read(model, data, null);
    }

    /** The rows {@code rows} of {@code data} (null: all of them), in that order, in the model's terms; a copy. */
    public static Input read(LoadedModel model, Source data, int[] rows) {
        int count = rows == null ? data.rows() : rows.length;
        if (model.autoencoder().spec().multimodal() != null) {
            List<String> names = model.featureNames();
            int[] source = names.stream().mapToInt(name -> data.featureNames().indexOf(name)).toArray();
            return new Input(select(data, rows, source), null, count, source.length, names);
        }
        if (model.table() == null) {
            float[] values = rows == null ? data.features() : select(data, rows, null);
            return new Input(values, null, count, data.columns(), data.featureNames());
        }
        int cols = data.columns();
        float[] values = new float[count * cols];
        boolean[] missing = new boolean[count * cols];
        inModelTerms(model.table(), data, rows, values, missing);
        return new Input(values, missing, count, cols, data.featureNames());
    }

    /** The rows {@code rows} (null: all) with the columns {@code columns} (null: all), in those orders. */
    private static float[] select(Source data, int[] rows, int[] columns) {
        int count = rows == null ? data.rows() : rows.length;
        int width = columns == null ? data.columns() : columns.length;
        float[] out = new float[Math.multiplyExact(count, width)];
        for (int i = 0; i < count; i++) {
            int from = (rows == null ? i : rows[i]) * data.columns();
            for (int c = 0; c < width; c++) {
                out[i * width + c] = data.features()[from + (columns == null ? c : columns[c])];
            }
        }
        return out;
    }

    /**
     * The rows {@code rows} (null: all) in a typed model's terms: its columns by position, each categorical cell's
     * level looked up by name among the model's levels (a level the model has not seen becomes a missing cell).
     * {@code values} and {@code missing} receive count × columns entries.
     */
    private static void inModelTerms(TableColumns model, Source data, int[] rows, float[] values, boolean[] missing) {
        int cols = data.columns();
        int[][] codes = new int[cols][];
        for (int c = 0; c < cols; c++) {
            List<String> theirs = data.levels() == null ? null : data.levels().get(c);
            if (model.categorical(c) && theirs != null) {
                List<String> ours = model.levels().get(c);
                codes[c] = theirs.stream().mapToInt(ours::indexOf).toArray();
            }
        }
        int count = rows == null ? data.rows() : rows.length;
        for (int r = 0; r < count; r++) {
            int from = (rows == null ? r : rows[r]) * cols;
            for (int c = 0; c < cols; c++) {
                boolean absent = data.missing() != null && data.missing()[from + c];
                float v = data.features()[from + c];
                if (!absent && codes[c] != null) {
                    int code = codes[c][(int) v];
                    absent = code < 0;
                    v = Math.max(code, 0);
                }
                values[r * cols + c] = absent ? 0f : v;
                missing[r * cols + c] = absent;
            }
        }
    }

    /**
     * The network's input for rows(count, width) in the model's terms: a typed model's rows encoded by its table
     * codec (a new array), any other model's normalized by its normalizer in place (and returned).
     */
    public static float[] networkInput(LoadedModel model, float[] values, boolean[] missing, int count) {
        if (model.table() != null) {
            return model.table().codec().encode(values, missing, count);
        }
        model.normalizer().applyInPlace(values, count);
        return values;
    }

    /**
     * The codes of {@code input}'s rows, rows(count, codeDim), as {@code encode} answers them (a variational model's
     * mean); normalizes a plain input's values in place. Not checked for finite values.
     */
    public static float[] codes(LoadedModel model, Input input) {
        return model.autoencoder().encode(networkInput(model, input.values(), input.missing(), input.count()),
                input.count());
    }
}
