package dev.hourglass.inference;

import java.util.List;
import java.util.UUID;

import dev.hourglass.dataset.ColumnType;
import dev.hourglass.dataset.DatasetMatrix;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.inference.InferenceRequests.ProjectionResult;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.ModelInputs;
import dev.hourglass.model.ModelView;
import dev.hourglass.model.Models;
import dev.hourglass.system.ApiException;
import org.springframework.stereotype.Service;

/**
 * A 2-D map of a model's codes of a stored dataset (DESIGN §8.5): up to {@code limit} rows sampled evenly, read as
 * a transform reads them ({@link ModelInputs}), encoded as {@code encode} does (a variational model's mean), and
 * projected onto the codes' first two principal components ({@link PrincipalPlane}).
 */
@Service
class Projection {

    static final int DEFAULT_LIMIT = 2000;
    static final int MIN_LIMIT = 2;
    static final int MAX_LIMIT = 10_000;
    /** limit out of range, no dataset to project, or a dataset that the model cannot read. */
    static final String INVALID = "invalid-projection-request";
    /** Rows encoded at a time: bounds the network's working memory. */
    static final int CHUNK_ROWS = 4096;

    private final Inference inference;
    private final Models models;
    private final Datasets datasets;

    Projection(Inference inference, Models models, Datasets datasets) {
        this.inference = inference;
        this.models = models;
        this.datasets = datasets;
    }

    /** @param datasetId null: the model's training dataset */
    ProjectionResult project(UUID modelId, UUID datasetId, int limit) {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw ApiException.invalid(INVALID, "limit", "must be between " + MIN_LIMIT + " and " + MAX_LIMIT + ", was "
                    + limit);
        }
        ModelView view = models.get(modelId);
        UUID id = datasetId != null ? datasetId : view.datasetId();
        if (id == null) {
            throw ApiException.invalid(INVALID, "datasetId", "is required: model " + modelId + " was imported and has "
                    + "no training dataset to default to");
        }
        DatasetView dataset = datasets.get(id);
        LoadedModel model = inference.model(modelId);
        String misfit = ModelInputs.misfit(model, dataset.stats().stream()
                .map(s -> new ModelInputs.Column(s.name(), s.type() == ColumnType.CATEGORICAL, s.missing() > 0))
                .toList());
        if (misfit != null) {
            throw ApiException.invalid(INVALID, "datasetId", "dataset " + id + " does not fit the model: " + misfit);
        }
        int[] rows = sample(dataset.rows(), limit);
        DatasetMatrix matrix = datasets.load(id);
        ModelInputs.Input input = ModelInputs.read(model, new ModelInputs.Source(matrix.rows(), matrix.columns(),
                matrix.features(), matrix.featureNames(), matrix.levels(), matrix.missing()), rows);
        float[] codes = codes(model, input, rows, id);
        PrincipalPlane plane = PrincipalPlane.of(codes, rows.length, model.codeDim());
        List<String> labels = datasets.labels(id);
        return new ProjectionResult(id, rows, plane.points(), plane.explainedVariance(),
                labels == null ? null : java.util.Arrays.stream(rows).mapToObj(labels::get).toList());
    }

    /** Rows ⌊i·n/m⌋ for i < m = min(limit, n): evenly spread, ascending, the first row always among them. */
    static int[] sample(int n, int limit) {
        int m = Math.min(limit, n);
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) {
            rows[i] = (int) ((long) i * n / m);
        }
        return rows;
    }

    /** The codes of the input's rows, {@link #CHUNK_ROWS} at a time; a row without a finite code is a 422. */
    private static float[] codes(LoadedModel model, ModelInputs.Input input, int[] rows, UUID datasetId) {
        int codeDim = model.codeDim();
        float[] out = new float[input.count() * codeDim];
        for (int first = 0; first < input.count(); first += CHUNK_ROWS) {
            int count = Math.min(CHUNK_ROWS, input.count() - first);
            float[] codes = ModelInputs.codes(model, input.range(first, count));
            int bad = ArrayOps.firstNonFinite(codes);
            if (bad >= 0) {
                throw ApiException.invalid(INVALID, "datasetId", "row " + rows[first + bad / codeDim] + " of dataset "
                        + datasetId + " has no finite code: its values are too far outside the range of the data the "
                        + "model was trained on");
            }
            System.arraycopy(codes, 0, out, first * codeDim, codes.length);
        }
        return out;
    }
}
