package dev.hourglass.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hourglass.dataset.ColumnStats;
import dev.hourglass.dataset.ColumnType;
import dev.hourglass.dataset.DatasetMatrix;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.inference.InferenceRequests.NearestRequest;
import dev.hourglass.inference.InferenceRequests.NearestResult;
import dev.hourglass.inference.InferenceRequests.Neighbour;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Cross-modal retrieval in a multimodal model's shared space (DESIGN §8.4), as the engine's epoch measures
 * rank it ({@code engine.train.SharedSpace}): each query row is encoded from modality {@code from} alone, each row
 * of a stored dataset from modality {@code to} alone, and the dataset rows whose codes lie nearest (Euclidean) are
 * the answer. The dataset's columns are found by the model's column names, so it may hold other columns too, in
 * any order; its codes are computed once per model, dataset and modality ({@link DatasetCodes}).
 */
@Service
class Nearest {

    static final int DEFAULT_K = 10;
    static final int MAX_K = 1000;
    /** k out of range, no dataset, or a dataset that does not hold the modality's columns as numbers. */
    static final String INVALID = "invalid-nearest-request";
    /** Dataset rows encoded at a time: bounds the network's working memory, whatever the dataset's size. */
    static final int CHUNK_ROWS = 4096;

    private final Inference inference;
    private final Datasets datasets;
    private final DatasetCodes cache;
    private final long maxPairs;

    Nearest(Inference inference, Datasets datasets, DatasetCodes cache,
            @Value("${hourglass.limits.max-nearest-pairs:100000000}") long maxPairs) {
        this.inference = inference;
        this.datasets = datasets;
        this.cache = cache;
        this.maxPairs = maxPairs;
    }

    NearestResult nearest(UUID modelId, NearestRequest request) {
        LoadedModel model = inference.model(modelId);
        Multimodal mm = ModalRows.of(model, "from");
        int from = ModalRows.indexOf(mm, request.from(), "from");
        int to = ModalRows.indexOf(mm, request.to(), "to");
        if (from == to) {
            throw ApiException.invalid(ModalRows.INVALID, "to", "names the same modality as from (\"" + request.from()
                    + "\"); nearest searches one modality's rows by another's");
        }
        int k = request.k() == null ? DEFAULT_K : request.k();
        if (k < 1 || k > MAX_K) {
            throw ApiException.invalid(INVALID, "k", "must be between 1 and " + MAX_K);
        }
        if (request.datasetId() == null) {
            throw ApiException.invalid(INVALID, "datasetId", "is required");
        }
        inference.checkCells("rows", request.rows() != null && request.rows().isArray() ? request.rows().size() : 0,
                model);
        float[][] given = new float[mm.count()][];
        given[from] = RowParser.parse(request.rows(), "rows", mm.modalities().get(from).width(), inference.maxRows());
        int count = given[from].length / mm.modalities().get(from).width();
        DatasetView dataset = datasets.get(request.datasetId());
        int[] columns = columns(model, mm, to, dataset);
        if ((long) count * dataset.rows() > maxPairs) {
            throw ApiException.tooLarge("too-many-rows", "rows: " + count + " query rows against the dataset's "
                    + dataset.rows() + " rows are " + (long) count * dataset.rows() + " distances; the limit per "
                    + "request is " + maxPairs + " (hourglass.limits.max-nearest-pairs)");
        }
        float[][] queries = Inference.codes(model, ModalRows.assemble(model, mm, given, count).x(), count, "rows");
        DatasetCodes.Codes codes = cache.get(new DatasetCodes.Key(model.id(), dataset.id(), request.to()),
                () -> encode(model, mm, to, dataset.id(), columns));
        return new NearestResult(search(queries, codes, Math.min(k, codes.count())));
    }

    /**
     * For each column of modality {@code to}, in the network's order, its column in the dataset, found by name;
     * a 422 naming {@code datasetId} when the dataset does not hold it, or not as complete numbers.
     */
    private static int[] columns(LoadedModel model, Multimodal mm, int to, DatasetView dataset) {
        String modality = "modality \"" + mm.modalities().get(to).name() + "\"";
        if (model.featureNames() == null) {
            throw ApiException.invalid(INVALID, "datasetId", "the model's file has no column names to find the "
                    + "columns of " + modality + " by in dataset " + dataset.id());
        }
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < dataset.featureNames().size(); c++) {
            index.putIfAbsent(dataset.featureNames().get(c), c);
        }
        int[] offsets = mm.offsets();
        int[] columns = new int[offsets[to + 1] - offsets[to]];
        for (int i = 0; i < columns.length; i++) {
            String name = model.featureNames().get(offsets[to] + i);
            Integer c = index.get(name);
            String problem = c == null ? "has no column \"" + name + "\""
                    : dataset.stats().get(c).type() != ColumnType.NUMERIC ? "has column \"" + name + "\" as categorical"
                    : missing(dataset.stats().get(c));
            if (problem != null) {
                throw ApiException.invalid(INVALID, "datasetId", "dataset " + dataset.id() + " " + problem + "; "
                        + modality + " takes the " + columns.length + " numeric columns " + String.join(", ",
                        model.featureNames().subList(offsets[to], offsets[to + 1])) + ", found by name");
            }
            columns[i] = c;
        }
        return columns;
    }

    private static String missing(ColumnStats column) {
        return column.missing() == 0 ? null : "has " + column.missing() + " missing cells in column \""
                + column.name() + "\"";
    }

    /** Codes of every dataset row from modality {@code to} alone, {@link #CHUNK_ROWS} rows at a time. */
    private DatasetCodes.Codes encode(LoadedModel model, Multimodal mm, int to, UUID datasetId, int[] columns) {
        DatasetMatrix matrix = datasets.load(datasetId);
        int width = columns.length;
        int codeDim = model.codeDim();
        float[] out = new float[matrix.rows() * codeDim];
        float[][] given = new float[mm.count()][];
        for (int first = 0; first < matrix.rows(); first += CHUNK_ROWS) {
            int count = Math.min(CHUNK_ROWS, matrix.rows() - first);
            float[] part = new float[count * width];
            for (int r = 0; r < count; r++) {
                int row = (first + r) * matrix.columns();
                for (int c = 0; c < width; c++) {
                    part[r * width + c] = matrix.features()[row + columns[c]];
                }
            }
            given[to] = part;
            float[] codes = model.autoencoder().encode(ModalRows.assemble(model, mm, given, count).x(), count);
            int bad = ArrayOps.firstNonFinite(codes);
            if (bad >= 0) {
                throw ApiException.invalid(INVALID, "datasetId", "row " + (first + bad / codeDim) + " of dataset "
                        + datasetId + " has no finite code: its values are too far outside the range of the data "
                        + "the model was trained on");
            }
            System.arraycopy(codes, 0, out, first * codeDim, codes.length);
        }
        return new DatasetCodes.Codes(out, matrix.rows(), codeDim);
    }

    /**
     * Per query code, the {@code k} candidate rows nearest it, nearest first; of equally distant rows the
     * lower index first. Kept sorted by insertion: k is small beside the candidates, and most never qualify.
     */
    static List<List<Neighbour>> search(float[][] queries, DatasetCodes.Codes candidates, int k) {
        int width = candidates.width();
        float[] v = candidates.values();
        List<List<Neighbour>> out = new ArrayList<>(queries.length);
        double[] distance = new double[k];
        int[] rows = new int[k];
        for (float[] q : queries) {
            int size = 0;
            for (int row = 0; row < candidates.count(); row++) {
                double d = 0;
                for (int c = 0; c < width; c++) {
                    double diff = q[c] - v[row * width + c];
                    d += diff * diff;
                }
                if (size == k && d >= distance[k - 1]) {
                    continue;   // a tie keeps the row seen first, the lower index
                }
                int i = size == k ? k - 1 : size++;
                for (; i > 0 && distance[i - 1] > d; i--) {
                    distance[i] = distance[i - 1];
                    rows[i] = rows[i - 1];
                }
                distance[i] = d;
                rows[i] = row;
            }
            List<Neighbour> found = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                found.add(new Neighbour(rows[i], Math.sqrt(distance[i])));
            }
            out.add(found);
        }
        return out;
    }
}
