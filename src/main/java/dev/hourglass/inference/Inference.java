package dev.hourglass.inference;

import java.util.UUID;

import dev.hourglass.inference.InferenceRequests.DecodeResult;
import dev.hourglass.inference.InferenceRequests.EncodeResult;
import dev.hourglass.inference.InferenceRequests.ReconstructionResult;
import dev.hourglass.inference.InferenceRequests.SampleResult;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Encode, decode and reconstruct: inputs normalized with the model's normalizer, outputs de-normalized. */
@Service
public class Inference {

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
    private void checkCells(String field, long rows, LoadedModel model) {
        long widest = java.util.Arrays.stream(model.autoencoder().spec().widths()).max().orElse(1);
        if (rows * widest > maxCells) {
            throw ApiException.tooLarge("too-many-rows", field + ": " + rows + " rows through layers up to " + widest
                    + " wide is " + rows * widest + " values; the limit per request is " + maxCells
                    + " (hourglass.limits.max-inference-cells)");
        }
    }

    private static long rowCount(JsonNode rows) {
        return rows != null && rows.isArray() ? rows.size() : 0;
    }

    EncodeResult encode(UUID modelId, JsonNode instances, Boolean includeVariance) {
        LoadedModel model = cache.get(modelId);
        boolean variance = Boolean.TRUE.equals(includeVariance);
        if (variance && !model.autoencoder().isVariational()) {
            throw ApiException.invalid("not-variational", "includeVariance", "only variational models have a variance");
        }
        checkCells("instances", rowCount(instances), model);
        float[] x = RowParser.parse(instances, "instances", model.inputDim(), maxRows);
        int count = x.length / model.inputDim();
        model.normalizer().applyInPlace(x, count);
        float[][] codes = rows(model.autoencoder().encode(x, count), count, model.codeDim());
        return new EncodeResult(codes,
                variance ? rows(model.autoencoder().encodeLogVariance(x, count), count, model.codeDim()) : null);
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
        return new SampleResult(rows(y, count, model.inputDim()));
    }

    DecodeResult decode(UUID modelId, JsonNode codes) {
        LoadedModel model = cache.get(modelId);
        checkCells("codes", rowCount(codes), model);
        float[] z = RowParser.parse(codes, "codes", model.codeDim(), maxRows);
        int count = z.length / model.codeDim();
        float[] y = model.autoencoder().decode(z, count);
        model.normalizer().invertInPlace(y, count);
        return new DecodeResult(rows(y, count, model.inputDim()));
    }

    ReconstructionResult reconstruct(UUID modelId, JsonNode instances) {
        LoadedModel model = cache.get(modelId);
        int n = model.inputDim();
        checkCells("instances", rowCount(instances), model);
        float[] x = RowParser.parse(instances, "instances", n, maxRows);
        int count = x.length / n;
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
        return new ReconstructionResult(rows(y, count, n), errors);
    }

    private static float[][] rows(float[] flat, int count, int width) {
        float[][] out = new float[count][];
        for (int r = 0; r < count; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return out;
    }
}
