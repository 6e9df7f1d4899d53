package dev.hourglass.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hourglass.inference.InferenceRequests.DecodeResult;
import dev.hourglass.inference.InferenceRequests.EncodeResult;
import dev.hourglass.engine.anomaly.AnomalyScorer;
import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.anomaly.Scores;
import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.table.Imputation;
import dev.hourglass.engine.table.Table;
import dev.hourglass.inference.InferenceRequests.ImputationResult;
import dev.hourglass.inference.InferenceRequests.ReconstructRequest;
import dev.hourglass.inference.InferenceRequests.ReconstructionResult;
import dev.hourglass.inference.InferenceRequests.SampleResult;
import dev.hourglass.inference.InferenceRequests.ScoreResult;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Encode, decode, reconstruct, sample, score and impute: inputs normalized with the model's normalizer (a typed
 * model's rows encoded by its table codec), outputs de-normalized and, for a typed model, in the rows' own form.
 */
@Service
public class Inference {

    /** Most draws of z per row a LOG_PROBABILITY score may ask for. */
    static final int MAX_SAMPLES = 1000;

    private final ModelCache cache;
    private final int maxRows;
    private final long maxCells;

    Inference(ModelCache cache, @Value("${hourglass.limits.max-inference-rows:10000}") int maxRows,
            @Value("${hourglass.limits.max-inference-cells:20000000}") long maxCells) {
        this.cache = cache;
        this.maxRows = maxRows;
        this.maxCells = maxCells;
    }

    /**
     * Rows × the widest layer the request runs through: what the answer costs in memory, whatever the
     * size of the request (a few codes decode into wide rows; a sample count into as many rows).
     */
    void checkCells(String field, long rows, LoadedModel model) {
        long widest = model.autoencoder().spec().widest();
        if (rows * widest > maxCells) {
            throw ApiException.tooLarge("too-many-rows", field + ": " + rows + " rows through layers up to " + widest
                    + " wide is " + rows * widest + " values; the limit per request is " + maxCells
                    + " (hourglass.limits.max-inference-cells)");
        }
    }

    /** Rows per request. */
    int maxRows() {
        return maxRows;
    }

    private static long rowCount(Rows rows) {
        return rows != null && rows.isArray() ? rows.size() : 0;
    }

    /**
     * Rows a request sent, read for its model. For a plain model {@code x(count, inputDim)} holds them in the
     * caller's units (the computations normalize it in place) and {@code columns} and {@code table} are null; for
     * a typed model {@code x(count, width)} is the network's input (normalized, one-hot, missing cells at their
     * fill values), {@code table} what the rows said and {@code columns} how to answer in their terms.
     */
    record Batch(float[] x, int count, TableRows columns, TableRows.Read table) {

        /** The same rows with their own copy of {@code x}, for one more computation that normalizes in place. */
        Batch copy() {
            return new Batch(x.clone(), count, columns, table);
        }

        /** The warnings of reading the rows (levels not seen in training); null when there are none. */
        List<String> warnings() {
            return table == null || table.warnings().isEmpty() ? null : table.warnings();
        }
    }

    /** The rows {@code [[…] or {…}, …]} of {@code field} for {@code model}, checked and limited as every call does. */
    Batch read(LoadedModel model, Rows rows, String field) {
        checkCells(field, rowCount(rows), model);
        if (model.table() == null) {
            float[] x = RowParser.parse(rows, field, model.inputDim(), maxRows);
            return new Batch(x, x.length / model.inputDim(), null, null);
        }
        TableRows columns = new TableRows(model);
        TableRows.Read read = columns.read(rows, field, maxRows);
        return new Batch(columns.codec().encode(read.values(), read.missing(), read.count()), read.count(), columns,
                read);
    }

    EncodeResult encode(UUID modelId, Rows instances, Boolean includeVariance) {
        LoadedModel model = cache.get(modelId);
        boolean variance = Boolean.TRUE.equals(includeVariance);
        if (variance && !model.autoencoder().isVariational()) {
            throw ApiException.invalid("not-variational", "includeVariance", "only variational models have a variance");
        }
        Batch batch = read(model, instances, "instances");
        int count = batch.count();
        float[][] codes = encode(model, batch);
        return new EncodeResult(codes, variance ? rows(finite(model.autoencoder().encodeLogVariance(batch.x(), count),
                model.codeDim(), "instances"), count, model.codeDim()) : null, batch.warnings());
    }

    /**
     * Codes of a multimodal model's rows given per modality {@code {name: [[…]], …}}: any non-empty subset, the
     * modalities not given zeroed after normalization, as in training.
     */
    EncodeResult encodeModalities(UUID modelId, Rows modalities, Rows instances, Boolean includeVariance) {
        LoadedModel model = cache.get(modelId);
        ModalRows rows = readModalities(model, modalities, instances);
        if (Boolean.TRUE.equals(includeVariance)) {
            throw ApiException.invalid("not-variational", "includeVariance", "only variational models have a variance");
        }
        return new EncodeResult(codes(model, rows.x(), rows.count(), "modalities"), null);
    }

    /**
     * Every modality of a multimodal model reconstructed, in the caller's units, from rows given per modality
     * (the others zeroed as in training), with each row's error over the given modalities' columns and per given
     * modality ({@code modalityErrors}), in the normalized space; a modality not given has nothing to compare with.
     */
    ReconstructionResult reconstructModalities(UUID modelId, Rows modalities, Rows instances) {
        LoadedModel model = cache.get(modelId);
        ModalRows rows = readModalities(model, modalities, instances);
        Multimodal mm = model.autoencoder().spec().multimodal();
        int count = rows.count();
        float[] y = model.autoencoder().reconstruct(rows.x(), count);
        double[] errors = new double[count];
        Map<String, double[]> byModality = rows.errors(mm, y, errors);
        int overflow = ArrayOps.firstNonFinite(errors);
        if (overflow >= 0) {
            throw overflow("modalities", overflow);
        }
        model.normalizer().invertInPlace(y, count);
        return new ReconstructionResult(ModalRows.split(mm, finite(y, model.inputDim(), "modalities"), count), errors,
                byModality);
    }

    private ModalRows readModalities(LoadedModel model, Rows modalities, Rows instances) {
        ModalRows.of(model, "modalities");
        if (instances != null && !instances.isNull()) {
            throw ApiException.invalid(ModalRows.INVALID, "instances", "give instances (whole rows) or modalities, "
                    + "not both");
        }
        return ModalRows.read(model, modalities, this);
    }

    /** Decodes draws from the prior N(0, I) of a variational model. */
    SampleResult sample(UUID modelId, Integer count, Long seed) {
        LoadedModel model = cache.get(modelId);
        if (!model.autoencoder().isVariational()) {
            throw ApiException.invalid("not-variational", "model", "only variational models can sample from a prior");
        }
        if (count == null || count < 1 || count > maxRows) {
            throw ApiException.invalid("invalid-rows", "count", "must be between 1 and " + maxRows);
        }
        checkCells("count", count, model);
        float[] y = model.autoencoder().sample(count, seed == null ? java.util.concurrent.ThreadLocalRandom.current().nextLong() : seed);
        model.normalizer().invertInPlace(y, count);
        return new SampleResult(model.table() == null ? rows(y, count, model.inputDim())
                : new TableRows(model).arrays(y, count));
    }

    DecodeResult decode(UUID modelId, Rows codes) {
        LoadedModel model = cache.get(modelId);
        checkCells("codes", rowCount(codes), model);
        float[] z = RowParser.parse(codes, "codes", model.codeDim(), maxRows);
        int count = z.length / model.codeDim();
        float[] y = model.autoencoder().decode(z, count);
        model.normalizer().invertInPlace(y, count);
        finite(y, model.inputDim(), "codes");
        return new DecodeResult(model.table() == null ? rows(y, count, model.inputDim())
                : new TableRows(model).arrays(y, count));
    }

    /** The options of a {@code score} call; null fields take their defaults. */
    record ScoreOptions(boolean features, int top, Double threshold, Double contamination, Integer samples, Long seed) {

        /** Scores, flags and p-values with the model's stored threshold; no attribution. */
        static final ScoreOptions DEFAULTS = new ScoreOptions(false, 0, null, null, null, null);
    }

    ScoreResult score(UUID modelId, Rows instances, ScoreOptions options) {
        LoadedModel model = cache.get(modelId);
        AnomalyScore kind = scoreKind(model);
        checkScoreOptions(model, kind, options);
        int samples = kind == AnomalyScore.LOG_PROBABILITY && options.samples() != null ? options.samples()
                : AnomalyScorer.DEFAULT_SAMPLES;
        checkCells("instances", rowCount(instances) * (kind == AnomalyScore.LOG_PROBABILITY ? samples : 1), model);
        return score(model, read(model, instances, "instances"), kind, samples, options);
    }

    /** Scores a batch of {@code model}, options already checked. */
    private ScoreResult score(LoadedModel model, Batch batch, AnomalyScore kind, int samples, ScoreOptions options) {
        if (batch.table() == null) {
            return score(model, batch.x(), batch.count(), kind, samples, options);
        }
        return scoreInput(model, batch.x(), batch.table().observed(), batch.count(), kind, samples, options,
                batch.warnings());
    }

    /** The score a model's calibration was computed with; MSE for models that predate calibration. */
    private static AnomalyScore scoreKind(LoadedModel model) {
        return model.calibration() == null ? AnomalyScore.MSE : model.calibration().score();
    }

    /** Scores normalized-to-be rows(count, inputDim) of {@code model}, options already checked. */
    ScoreResult score(LoadedModel model, float[] x, int count, AnomalyScore kind, int samples, ScoreOptions options) {
        model.normalizer().applyInPlace(x, count);
        return scoreInput(model, x, null, count, kind, samples, options, null);
    }

    /**
     * Scores the network's input {@code x}; {@code observed(count, table columns)} marks a typed model's
     * observed cells (null: all are).
     */
    private static ScoreResult scoreInput(LoadedModel model, float[] x, float[] observed, int count, AnomalyScore kind,
            int samples, ScoreOptions options, List<String> warnings) {
        boolean attribute = options.features() || options.top() > 0;
        Scores s = AnomalyScorer.score(model.autoencoder(), x, observed, count, kind, samples,
                options.seed() == null ? AnomalyScorer.DEFAULT_SEED : options.seed(), attribute);
        int overflow = ArrayOps.firstNonFinite(s.scores());
        if (overflow >= 0) {
            throw overflow("instances", overflow);
        }
        Calibration calibration = model.calibration();
        Double threshold = options.threshold() != null ? options.threshold()
                : calibration == null ? null
                : options.contamination() != null ? calibration.thresholdAt(options.contamination())
                : calibration.threshold();
        boolean[] anomalies = null;
        double[] pValues = calibration == null ? null : new double[count];
        if (threshold != null) {
            anomalies = new boolean[count];
        }
        for (int r = 0; r < count; r++) {
            if (anomalies != null) {
                anomalies[r] = s.scores()[r] > threshold;
            }
            if (pValues != null) {
                pValues[r] = calibration.pValue(s.scores()[r]);
            }
        }
        return new ScoreResult(kind, threshold, s.scores(), anomalies, pValues,
                options.features() ? Attribution.shares(s) : null,
                options.top() > 0 ? Attribution.top(s, options.top(), model.featureNames()) : null, warnings);
    }

    private static void checkScoreOptions(LoadedModel model, AnomalyScore kind, ScoreOptions o) {
        if (o.top() < 0 || o.top() > model.columns()) {
            throw ApiException.invalid("invalid-score-request", "top", "must be between 0 and the model's "
                    + model.columns() + " columns");
        }
        if (o.contamination() != null) {
            if (!(o.contamination() > 0 && o.contamination() <= 0.5)) {
                throw ApiException.invalid("invalid-score-request", "contamination", "must be in (0, 0.5]");
            }
            if (o.threshold() != null) {
                throw ApiException.invalid("invalid-score-request", "contamination",
                        "give threshold or contamination, not both");
            }
            if (model.calibration() == null) {
                throw ApiException.invalid("invalid-score-request", "contamination",
                        "this model has no calibration scores to take a quantile of; give a threshold");
            }
        }
        if (o.threshold() != null && !Double.isFinite(o.threshold())) {
            throw ApiException.invalid("invalid-score-request", "threshold", "must be a finite number");
        }
        if (kind != AnomalyScore.LOG_PROBABILITY && (o.samples() != null || o.seed() != null)) {
            throw ApiException.invalid("invalid-score-request", o.samples() != null ? "samples" : "seed",
                    "applies to LOG_PROBABILITY scores only; this model scores " + kind);
        }
        if (o.samples() != null && (o.samples() < 1 || o.samples() > MAX_SAMPLES)) {
            throw ApiException.invalid("invalid-score-request", "samples", "must be between 1 and " + MAX_SAMPLES);
        }
    }

    ReconstructionResult reconstruct(UUID modelId, ReconstructRequest request) {
        LoadedModel model = cache.get(modelId);
        return reconstruct(model, read(model, request.instances(), "instances"),
                Boolean.TRUE.equals(request.probabilities()));
    }

    /**
     * The rows with every missing cell filled from the reconstruction; only a typed model knows which cells
     * are missing and what a missing cell enters as.
     */
    ImputationResult impute(UUID modelId, Rows instances) {
        LoadedModel model = cache.get(modelId);
        if (model.table() == null) {
            throw ApiException.invalid("not-a-typed-model", "model", "imputation needs a model trained on a table "
                    + "with missing cells or categorical columns; this one was trained on complete rows of numbers, "
                    + "so it cannot take a missing cell");
        }
        Batch batch = read(model, instances, "instances");
        TableRows.Read rows = batch.table();
        float[] filled = Imputation.impute(model.autoencoder(), batch.columns().codec(),
                new Table(model.table().layout(), rows.values(), rows.count(), rows.missing()));
        finite(filled, model.columns(), "instances");
        List<List<String>> imputed = new ArrayList<>(rows.count());
        return new ImputationResult(batch.columns().fill(rows, filled, imputed), imputed, batch.warnings());
    }

    // The serving protocols (TfServingController, KServeController) read their own request shapes and come in
    // here: the model, their rows parsed with the native calls' checks and limits, and the same computations.

    LoadedModel model(UUID id) {
        return cache.get(id);
    }

    /**
     * {@code count} rows given flat and row-major (a protocol's tensor data: numbers, or a typed model's cells),
     * checked the same way.
     */
    Batch readFlat(LoadedModel model, Rows data, int count, String field) {
        checkCells(field, count, model);
        if (model.table() == null) {
            return new Batch(RowParser.parseFlat(data, field, count, model.inputDim(), maxRows), count, null, null);
        }
        int columns = model.columns();
        if (data == null || !data.isArray() || data.size() != (long) count * columns) {
            throw ApiException.invalid("invalid-rows", field, "must hold " + count + " rows of " + columns
                    + " cells, row-major");
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode(count);
        for (int r = 0; r < count; r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < columns; c++) {
                row.add(data.node(r * columns + c));
            }
        }
        return read(model, Rows.of(rows), field);
    }

    /** Codes of a batch; normalizes a plain batch's rows in place. */
    float[][] encode(LoadedModel model, Batch batch) {
        if (batch.table() == null) {
            return encode(model, batch.x(), batch.count());
        }
        return codes(model, batch.x(), batch.count(), "instances");
    }

    /** Codes of rows(count, inputDim) in the caller's units; normalizes {@code x} in place. */
    float[][] encode(LoadedModel model, float[] x, int count) {
        model.normalizer().applyInPlace(x, count);
        return codes(model, x, count, "instances");
    }

    /** Codes of the network's input rows(count, inputDim); a non-finite code is a 422 naming {@code field[row]}. */
    static float[][] codes(LoadedModel model, float[] x, int count, String field) {
        return rows(finite(model.autoencoder().encode(x, count), model.codeDim(), field), count, model.codeDim());
    }

    /** Scores a batch as a {@code score} call without options does; normalizes a plain batch's rows in place. */
    ScoreResult score(LoadedModel model, String field, Batch batch) {
        if (batch.table() == null) {
            return score(model, field, batch.x(), batch.count());
        }
        AnomalyScore kind = scoreKind(model);
        checkCells(field, (long) batch.count() * (kind == AnomalyScore.LOG_PROBABILITY ? AnomalyScorer.DEFAULT_SAMPLES
                : 1), model);
        return score(model, batch, kind, AnomalyScorer.DEFAULT_SAMPLES, ScoreOptions.DEFAULTS);
    }

    /**
     * Scores rows(count, inputDim) as a {@code score} call without options does: the model's score type,
     * threshold and default samples; normalizes {@code x} in place.
     */
    ScoreResult score(LoadedModel model, String field, float[] x, int count) {
        AnomalyScore kind = scoreKind(model);
        checkCells(field, (long) count * (kind == AnomalyScore.LOG_PROBABILITY ? AnomalyScorer.DEFAULT_SAMPLES : 1),
                model);
        return score(model, x, count, kind, AnomalyScorer.DEFAULT_SAMPLES, ScoreOptions.DEFAULTS);
    }

    /**
     * Reconstructions of a batch in the caller's units and each row's error; with {@code probabilities}, a typed
     * model's level probabilities per categorical column. A typed row's error is its MSE anomaly score: the mean
     * over its observed cells of the squared error (numbers, normalized) or cross-entropy (levels). Normalizes a
     * plain batch's rows in place.
     */
    ReconstructionResult reconstruct(LoadedModel model, Batch batch, boolean probabilities) {
        if (batch.table() == null) {
            return reconstruct(model, batch.x(), batch.count());
        }
        int count = batch.count();
        double[] errors = AnomalyScorer.score(model.autoencoder(), batch.x(), batch.table().observed(), count,
                AnomalyScore.MSE, 1, AnomalyScorer.DEFAULT_SEED, false).scores();
        int overflow = ArrayOps.firstNonFinite(errors);
        if (overflow >= 0) {
            throw overflow("instances", overflow);
        }
        float[] y = model.autoencoder().reconstruct(batch.x(), count);
        model.normalizer().invertInPlace(y, count);
        finite(y, model.inputDim(), "instances");
        return new ReconstructionResult(batch.columns().rows(batch.table(), y), errors, batch.warnings(),
                probabilities ? batch.columns().probabilities(y, count) : null, null);
    }

    /**
     * Reconstructions of rows(count, inputDim) in the caller's units, with each row's mean squared error in the
     * model's normalized space; normalizes {@code x} in place.
     */
    ReconstructionResult reconstruct(LoadedModel model, float[] x, int count) {
        int n = model.inputDim();
        model.normalizer().applyInPlace(x, count);
        float[] y = model.autoencoder().reconstruct(x, count);
        double[] errors = new double[count];
        for (int r = 0; r < count; r++) {
            double sum = 0;
            for (int c = r * n; c < (r + 1) * n; c++) {
                double d = y[c] - x[c];
                sum += d * d;
            }
            errors[r] = sum / n;
        }
        model.normalizer().invertInPlace(y, count);
        int overflow = ArrayOps.firstNonFinite(errors);
        if (overflow >= 0) {
            throw overflow("instances", overflow);
        }
        return new ReconstructionResult(rows(finite(y, n, "instances"), count, n), errors);
    }

    /** {@code out}, rows of {@code width}, when every value is finite; else a 422 naming the first row that is not. */
    static float[] finite(float[] out, int width, String field) {
        int i = ArrayOps.firstNonFinite(out);
        if (i >= 0) {
            throw overflow(field, i / width);
        }
        return out;
    }

    /**
     * A finite row whose values lie so far outside the data the model was fitted to that its float32
     * arithmetic overflows: there is no number to answer with, so the row is refused rather than answered NaN.
     */
    private static ApiException overflow(String field, int row) {
        return ApiException.invalid("invalid-rows", field + "[" + row + "]", "the model's output for this row is not"
                + " finite: its values are too far outside the range of the data the model was trained on");
    }

    private static float[][] rows(float[] flat, int count, int width) {
        float[][] out = new float[count][];
        for (int r = 0; r < count; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return out;
    }
}
