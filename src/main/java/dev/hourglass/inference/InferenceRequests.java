package dev.hourglass.inference;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hourglass.engine.spec.AnomalyScore;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Request and response bodies of the inference calls. */
final class InferenceRequests {

    private InferenceRequests() {
    }

    /** The rows every call that takes {@code instances} reads; see {@link TableRows} for a typed model's. */
    private static final String ROWS = "Rows in the model's column order, in the caller's units: arrays of numbers; "
            + "for a model trained on a typed table also objects {column: value}, level names in categorical columns "
            + "and null for a missing cell";

    /** The rows given per modality, of a multimodal model. */
    private static final String MODALITIES = "Multimodal models, instead of instances: rows per modality "
            + "{name: [[…], …]}, any non-empty subset of the model's modalities, each row of its modality's width and "
            + "every modality with the same number of rows, in the caller's units; the modalities not given are "
            + "zeroed after normalization, as in training (DESIGN §8.4)";

    private static final String MODALITIES_EXAMPLE = "{\"left\": [[0.1, 0.7, 0.3]]}";

    private static final String ROW = "A row: an array of cells in column order, or an object {column: value}";

    /** The warnings of reading typed rows. */
    private static final String WARNINGS = "Typed models: cells read as missing because their level was not seen in "
            + "training, e.g. instances[3].color: level \"purple\" was not seen in training; treated as missing. "
            + "Absent when there are none";

    record InstancesRequest(
            @ArraySchema(arraySchema = @Schema(description = "Rows of a typed model, arrays in column order or "
                    + "objects {column: value}; null marks a missing cell",
                    example = "[{\"x1\": 10.2, \"region\": null, \"x2\": 11.0, \"x3\": null, \"tier\": \"gold\", "
                            + "\"x4\": 9.5}]"), schema = @Schema(description = ROW))
            Rows instances) {
    }

    record ReconstructRequest(
            @ArraySchema(arraySchema = @Schema(description = ROWS, example = "[[0.0, 12.0, 255.0]]"),
                    schema = @Schema(description = ROW))
            Rows instances,
            @Schema(description = "Typed models: also return each categorical column's level probabilities per row "
                    + "(default false)", nullable = true, example = "true") Boolean probabilities,
            @Schema(description = MODALITIES, implementation = Object.class, type = "object", example = MODALITIES_EXAMPLE)
            Rows modalities) {
    }

    record EncodeRequest(
            @ArraySchema(arraySchema = @Schema(description = ROWS, example = "[[0.0, 12.0, 255.0]]"),
                    schema = @Schema(description = ROW))
            Rows instances,
            @Schema(description = "Variational models only: also return log σ² of each code", nullable = true)
            Boolean includeVariance,
            @Schema(description = MODALITIES, implementation = Object.class, type = "object", example = MODALITIES_EXAMPLE)
            Rows modalities) {
    }

    record SampleRequest(
            @Schema(description = "How many draws from the prior N(0, I) to decode (1..max-inference-rows)",
                    example = "16") Integer count,
            @Schema(description = "Seed of the draws (default: random); the same seed gives the same samples",
                    nullable = true, example = "7") Long seed) {
    }

    record SampleResult(
            @ArraySchema(arraySchema = @Schema(description = "Decoded draws, in the caller's units: arrays in column "
                    + "order (a typed model's categorical cells as their most probable level)"),
                    schema = @Schema(type = "array")) Object samples) {
    }

    record DecodeRequest(
            @ArraySchema(arraySchema = @Schema(description = "Codes, each of the model's code width",
                    example = "[[0.5, 1.25]]"), schema = @Schema(type = "array"))
            Rows codes) {
    }

    record EncodeResult(
            @Schema(description = "Codes; for a variational model the mean μ") float[][] codes,
            @Schema(description = "Variational models with includeVariance: log σ² per code", nullable = true)
            float[][] logVariances,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = WARNINGS, nullable = true)
            List<String> warnings) {

        EncodeResult(float[][] codes, float[][] logVariances) {
            this(codes, logVariances, null);
        }
    }

    record DecodeResult(
            @ArraySchema(arraySchema = @Schema(description = "In the caller's units: arrays in column order (a typed "
                    + "model's categorical cells as their most probable level)"), schema = @Schema(type = "array"))
            Object reconstructions) {
    }

    record ReconstructionResult(
            @ArraySchema(arraySchema = @Schema(description = "In the caller's units, each row in the form it was sent: "
                    + "an array, or an object keyed by column name; a typed model's categorical cells as their most "
                    + "probable level. Asked with modalities: an object {name: [[…], …]} with every modality of the "
                    + "model, given or not", example = "[{\"x1\": 10.3, \"region\": \"north\", \"tier\": \"gold\"}]"),
                    schema = @Schema(description = ROW))
            Object reconstructions,
            @Schema(description = "Per row: mean squared error over its features, in the model's normalized space "
                    + "(the units of the training loss); for a typed model the mean over its observed columns of the "
                    + "squared error (numbers) or the cross-entropy of the observed level (its MSE anomaly score); "
                    + "asked with modalities, over the given modalities' columns")
            double[] errors,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = WARNINGS, nullable = true)
            List<String> warnings,
            @JsonInclude(JsonInclude.Include.NON_NULL) @ArraySchema(arraySchema = @Schema(description = "With "
                    + "probabilities: per row, each categorical column's probability of each level", nullable = true,
                    example = "[{\"region\": {\"east\": 0.05, \"north\": 0.9, \"south\": 0.01, \"west\": 0.04}}]"),
                    schema = @Schema(type = "object")) JsonNode probabilities,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Asked with modalities: per given "
                    + "modality, each row's mean squared error over its columns, in the model's normalized space; a "
                    + "modality not given has nothing to compare with and no entry", nullable = true,
                    example = "{\"left\": [0.0123]}")
            Map<String, double[]> modalityErrors) {

        ReconstructionResult(float[][] reconstructions, double[] errors) {
            this(reconstructions, errors, null, null, null);
        }

        ReconstructionResult(Map<String, float[][]> reconstructions, double[] errors,
                Map<String, double[]> modalityErrors) {
            this(reconstructions, errors, null, null, modalityErrors);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImputationResult(
            @ArraySchema(arraySchema = @Schema(description = "The rows as sent, in the same form, each null cell "
                    + "filled from the reconstruction (a number in the caller's units, or the most probable level); "
                    + "every other cell as given", example = "[{\"x1\": 10.2, \"region\": \"north\", \"x2\": 11.0, "
                    + "\"x3\": 10.9, \"tier\": \"gold\", \"x4\": 9.5}]"),
                    schema = @Schema(description = ROW)) JsonNode instances,
            @Schema(description = "Per row: the columns filled", example = "[[\"region\", \"x3\"]]")
            List<List<String>> imputed,
            @Schema(description = WARNINGS, nullable = true) List<String> warnings) {
    }

    record ScoreRequest(
            @ArraySchema(arraySchema = @Schema(description = ROWS, example = "[[0.0, 12.0, 255.0]]"),
                    schema = @Schema(description = ROW))
            Rows instances,
            @Schema(description = "Also return each column's share of each row's score (default false)",
                    nullable = true, example = "false") Boolean features,
            @Schema(description = "Also return each row's k columns with the largest errors (default 0: none)",
                    nullable = true, example = "3") Integer top,
            @Schema(description = "Flag rows above this score instead of the stored threshold", nullable = true)
            Double threshold,
            @Schema(description = "Flag this share of the calibration rows' distribution instead: the threshold is "
                    + "its 1 − contamination quantile, in (0, 0.5]", nullable = true, example = "0.05")
            Double contamination,
            @Schema(description = "LOG_PROBABILITY only: draws of z per row, 1..1000 (default 16)", nullable = true,
                    example = "16") Integer samples,
            @Schema(description = "LOG_PROBABILITY only: seed of the draws (default 0); the same seed gives the same "
                    + "scores", nullable = true, example = "0") Long seed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ScoreResult(
            @Schema(description = "How the rows were scored") AnomalyScore scoreType,
            @Schema(description = "The threshold applied; absent when the model has no calibration and the "
                    + "request named none") Double threshold,
            @Schema(description = "Per row: its anomaly score, in the model's normalized space") double[] scores,
            @Schema(description = "Per row: whether its score is above the threshold; absent without one")
            boolean[] anomalies,
            @Schema(description = "Per row: split-conformal p-value (1 + #{calibration scores ≥ score}) / (n + 1); "
                    + "absent without calibration") double[] pValues,
            @Schema(description = "With features: per row, each column's share of its score, in column order (a "
                    + "typed model's categorical column once)") float[][] features,
            @Schema(description = "With top = k: per row, its k columns with the largest errors, largest first")
            List<List<TopColumn>> top,
            @Schema(description = WARNINGS) List<String> warnings) {
    }

    record TopColumn(
            @Schema(description = "The column's name (its index, for models that predate stored names)") String column,
            @Schema(description = "The column's error: its term of the row's score") double error,
            @Schema(description = "error / the row's errors summed") double share) {
    }

    record NearestRequest(
            @Schema(description = "The modality the query rows are of; they are encoded from it alone", example = "left")
            String from,
            @ArraySchema(arraySchema = @Schema(description = "Query rows of modality from, in the caller's units",
                    example = "[[0.1, 0.7, 0.3]]"), schema = @Schema(type = "array"))
            Rows rows,
            @Schema(description = "The modality of the dataset's rows to search by; each dataset row is encoded from "
                    + "it alone. Must differ from from", example = "right") String to,
            @Schema(description = "A stored dataset holding the columns of modality to, found by the model's column "
                    + "names") UUID datasetId,
            @Schema(description = "Neighbours per query row, 1..1000 (default 10; fewer when the dataset has fewer "
                    + "rows)", nullable = true, example = "5") Integer k) {
    }

    record NearestResult(
            @Schema(description = "Per query row: the k dataset rows whose codes from modality to alone lie nearest "
                    + "its code from modality from alone, nearest first (ties by row index)")
            List<List<Neighbour>> neighbours) {
    }

    record Neighbour(
            @Schema(description = "The dataset row, counted from 0", example = "41") int row,
            @Schema(description = "Euclidean distance between the two codes", example = "0.173") double distance) {
    }

    record ProjectionResult(
            @Schema(description = "The dataset projected: the request's, or the model's training dataset") UUID datasetId,
            @Schema(description = "The sampled rows, counted from 0, ascending: row ⌊i·n/m⌋ for i < m = min(limit, n) "
                    + "of the dataset's n rows", example = "[0, 2, 4]") int[] rows,
            @ArraySchema(arraySchema = @Schema(description = "Per sampled row, its code's coordinates (x, y) on the "
                    + "codes' first two principal components (codes centered on their mean; y is 0 for a code of "
                    + "width 1)", example = "[[-1.52, 0.31], [0.87, -0.05], [0.65, -0.26]]"),
                    schema = @Schema(type = "array")) double[][] points,
            @Schema(description = "Each component's share of the codes' total variance, in [0, 1] (both 0 when every "
                    + "code is the same)", example = "[0.71, 0.18]") double[] explainedVariance,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Only when the dataset has a label column:"
                    + " each sampled row's label", nullable = true, example = "[\"3\", \"7\", \"3\"]")
            List<String> labels) {
    }
}
