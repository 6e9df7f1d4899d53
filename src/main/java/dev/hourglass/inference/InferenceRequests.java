package dev.hourglass.inference;

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
}
