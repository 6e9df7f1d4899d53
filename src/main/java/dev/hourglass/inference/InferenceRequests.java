package dev.hourglass.inference;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hourglass.engine.spec.AnomalyScore;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** Request and response bodies of the inference calls. */
final class InferenceRequests {

    private InferenceRequests() {
    }

    record InstancesRequest(
            @ArraySchema(arraySchema = @Schema(description = "Rows in the dataset's feature order, in the caller's units",
                    example = "[[0.0, 12.0, 255.0]]"), schema = @Schema(type = "array"))
            JsonNode instances) {
    }

    record EncodeRequest(
            @ArraySchema(arraySchema = @Schema(description = "Rows in the dataset's feature order, in the caller's units",
                    example = "[[0.0, 12.0, 255.0]]"), schema = @Schema(type = "array"))
            JsonNode instances,
            @Schema(description = "Variational models only: also return log σ² of each code", nullable = true)
            Boolean includeVariance) {
    }

    record SampleRequest(
            @Schema(description = "How many draws from the prior N(0, I) to decode (1..max-inference-rows)",
                    example = "16") Integer count,
            @Schema(description = "Seed of the draws (default: random); the same seed gives the same samples",
                    nullable = true, example = "7") Long seed) {
    }

    record SampleResult(@Schema(description = "Decoded draws, in the caller's units") float[][] samples) {
    }

    record DecodeRequest(
            @ArraySchema(arraySchema = @Schema(description = "Codes, each of the model's code width",
                    example = "[[0.5, 1.25]]"), schema = @Schema(type = "array"))
            JsonNode codes) {
    }

    record EncodeResult(
            @Schema(description = "Codes; for a variational model the mean μ") float[][] codes,
            @Schema(description = "Variational models with includeVariance: log σ² per code", nullable = true)
            float[][] logVariances) {
    }

    record DecodeResult(@Schema(description = "In the caller's units") float[][] reconstructions) {
    }

    record ReconstructionResult(
            @Schema(description = "In the caller's units") float[][] reconstructions,
            @Schema(description = "Per row: mean squared error over its features, in the model's normalized space "
                    + "(the units of the training loss)") double[] errors) {
    }

    record ScoreRequest(
            @ArraySchema(arraySchema = @Schema(description = "Rows in the dataset's feature order, in the caller's units",
                    example = "[[0.0, 12.0, 255.0]]"), schema = @Schema(type = "array"))
            JsonNode instances,
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
            @Schema(description = "With features: per row, each column's share of its score, in column order")
            float[][] features,
            @Schema(description = "With top = k: per row, its k columns with the largest errors, largest first")
            List<List<TopColumn>> top) {
    }

    record TopColumn(
            @Schema(description = "The column's name (its index, for models that predate stored names)") String column,
            @Schema(description = "The column's error: its term of the row's score") double error,
            @Schema(description = "error / the row's errors summed") double share) {
    }
}
