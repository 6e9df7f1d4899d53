package dev.hourglass.inference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.system.ApiException;

/**
 * A multimodal model's input assembled from rows given per modality, as the network saw them in training
 * (DESIGN §8.4): the modalities' columns one after another in the spec's order, normalized with the model's
 * normalizer, and every modality not given zeroed in the normalized space, where training's presentations of
 * one modality alone zero the others ({@code engine.layer.Presentation}).
 *
 * @param x     the network's input, rows(count, inputDim)
 * @param given per modality, in the spec's order, whether the rows gave it
 */
record ModalRows(float[] x, int count, boolean[] given) {

    /** Naming a modality the model does not have, none, uneven rows, or the same modality twice. */
    static final String INVALID = "invalid-modalities";
    /** Modalities asked of a model trained on one. */
    static final String NOT_MULTIMODAL = "not-multimodal";

    /** The model's modalities; a 422 {@code not-multimodal} naming {@code field} if it has one. */
    static Multimodal of(LoadedModel model, String field) {
        Multimodal mm = model.autoencoder().spec().multimodal();
        if (mm == null) {
            throw ApiException.invalid(NOT_MULTIMODAL, field, "this model was trained on one modality; send its "
                    + "rows as instances");
        }
        return mm;
    }

    /** The index of the modality {@code name}; a 422 {@code invalid-modalities} naming {@code field} if none. */
    static int indexOf(Multimodal mm, String name, String field) {
        int m = name == null ? -1 : mm.indexOf(name);
        if (m < 0) {
            throw ApiException.invalid(INVALID, field, (name == null ? "is required" : "the model has no modality \""
                    + name + "\"") + "; its modalities are " + names(mm));
        }
        return m;
    }

    /**
     * Reads {@code {name: [[…], …], …}} for a multimodal model: any non-empty subset of its modalities, each
     * with rows of its width, all with the same number of rows, checked and limited as {@code instances} are.
     */
    static ModalRows read(LoadedModel model, Rows modalities, Inference inference) {
        Multimodal mm = of(model, "modalities");
        if (modalities == null || !modalities.isObject() || modalities.isEmpty()) {
            throw ApiException.invalid(INVALID, "modalities", "must map one or more of the model's modalities ("
                    + names(mm) + ") to rows");
        }
        float[][] rows = new float[mm.count()][];
        int count = -1;
        String first = null;
        for (Map.Entry<String, Rows> e : modalities.properties()) {
            String field = "modalities." + e.getKey();
            int m = indexOf(mm, e.getKey(), field);
            inference.checkCells(field, e.getValue().isArray() ? e.getValue().size() : 0, model);
            int width = mm.modalities().get(m).width();
            rows[m] = RowParser.parse(e.getValue(), field, width, inference.maxRows());
            int n = rows[m].length / width;
            if (count >= 0 && n != count) {
                throw ApiException.invalid(INVALID, field, "has " + n + " rows and " + first + " has " + count
                        + "; every modality gives the same rows");
            }
            count = n;
            first = first == null ? field : first;
        }
        return assemble(model, mm, rows, count);
    }

    /**
     * rows(count, inputDim) from {@code rows[m]}, modality m's rows(count, width of m) in the caller's units, or
     * null for a modality not given.
     */
    static ModalRows assemble(LoadedModel model, Multimodal mm, float[][] rows, int count) {
        int n = model.inputDim();
        int[] offsets = mm.offsets();
        boolean[] given = new boolean[mm.count()];
        float[] x = new float[count * n];
        for (int m = 0; m < mm.count(); m++) {
            given[m] = rows[m] != null;
            int width = offsets[m + 1] - offsets[m];
            for (int r = 0; given[m] && r < count; r++) {
                System.arraycopy(rows[m], r * width, x, r * n + offsets[m], width);
            }
        }
        model.normalizer().applyInPlace(x, count);
        for (int m = 0; m < mm.count(); m++) {
            for (int r = 0; !given[m] && r < count; r++) {
                Arrays.fill(x, r * n + offsets[m], r * n + offsets[m + 1], 0f);
            }
        }
        return new ModalRows(x, count, given);
    }

    /**
     * Per given modality, each row's mean squared error over its columns, in the normalized space; and
     * {@code errors}, filled with each row's mean over every given column. {@code y} is the network's
     * output for {@link #x}, rows(count, inputDim).
     */
    Map<String, double[]> errors(Multimodal mm, float[] y, double[] errors) {
        int n = x.length / Math.max(1, count);
        int[] offsets = mm.offsets();
        Map<String, double[]> byModality = new LinkedHashMap<>();
        double[] total = new double[count];
        int columns = 0;
        for (int m = 0; m < mm.count(); m++) {
            if (!given[m]) {
                continue;
            }
            double[] e = new double[count];
            for (int r = 0; r < count; r++) {
                double sum = 0;
                for (int c = r * n + offsets[m]; c < r * n + offsets[m + 1]; c++) {
                    double d = y[c] - x[c];
                    sum += d * d;
                }
                total[r] += sum;
                e[r] = sum / (offsets[m + 1] - offsets[m]);
            }
            columns += offsets[m + 1] - offsets[m];
            byModality.put(mm.modalities().get(m).name(), e);
        }
        for (int r = 0; r < count; r++) {
            errors[r] = total[r] / columns;
        }
        return byModality;
    }

    /** rows(count, inputDim) split per modality, in the spec's order: {name: [[…], …]}. */
    static Map<String, float[][]> split(Multimodal mm, float[] y, int count) {
        int n = mm.inputDim();
        int[] offsets = mm.offsets();
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (int m = 0; m < mm.count(); m++) {
            float[][] rows = new float[count][];
            for (int r = 0; r < count; r++) {
                rows[r] = Arrays.copyOfRange(y, r * n + offsets[m], r * n + offsets[m + 1]);
            }
            out.put(mm.modalities().get(m).name(), rows);
        }
        return out;
    }

    private static String names(Multimodal mm) {
        return mm.modalities().stream().map(Multimodal.Modality::name).collect(Collectors.joining(", "));
    }
}
