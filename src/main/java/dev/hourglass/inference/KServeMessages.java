package dev.hourglass.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hourglass.model.LoadedModel;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * Bodies of the Open Inference Protocol (KServe v2) REST API,
 * https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_rest.md.
 */
final class KServeMessages {

    private KServeMessages() {
    }

    record ServerMetadata(String name, String version, List<String> extensions) {
    }

    record ServerLive(boolean live) {
    }

    record ServerReady(boolean ready) {
    }

    record ModelReady(String name, boolean ready) {
    }

    record ModelMetadata(
            @Schema(description = "The model's id") String name,
            @Schema(description = "Hourglass's model file format", example = "hourglass_hgae") String platform,
            List<TensorMetadata> inputs,
            List<TensorMetadata> outputs) {
    }

    record TensorMetadata(String name, String datatype, @Schema(description = "-1 for the rows") long[] shape) {
    }

    record InferRequest(
            @Schema(description = "Echoed in the response", nullable = true, example = "42") String id,
            @Schema(description = "Accepted and ignored: no parameters are defined", implementation = Map.class)
            JsonNode parameters,
            @Schema(description = "Exactly one input tensor, named input") List<RequestInput> inputs,
            @Schema(description = "The outputs to return (default: all of the model's)", nullable = true)
            List<RequestOutput> outputs) {
    }

    record RequestInput(
            @Schema(example = "input") String name,
            @Schema(description = "[rows, columns]", example = "[2, 3]") long[] shape,
            @Schema(description = "FP32 or FP64; BYTES for a model trained on a typed table", example = "FP32")
            String datatype,
            @Schema(description = "Accepted and ignored", implementation = Map.class) JsonNode parameters,
            @Schema(description = "The rows' values, row-major: flat, or nested as rows; BYTES: level names, numbers "
                    + "and null (a missing cell)", implementation = Object[].class,
                    example = "[0.0, 12.0, 255.0, 3.0, 9.0, 250.0]") Rows data) {
    }

    record RequestOutput(
            @Schema(description = "code, reconstruction, score, is_anomaly or p_value", example = "score") String name,
            @Schema(description = "Accepted and ignored", implementation = Map.class) JsonNode parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InferResponse(
            @JsonProperty("model_name") String modelName,
            @Schema(description = "The request's id, when it gave one", nullable = true) String id,
            List<ResponseOutput> outputs,
            @Schema(description = "Typed models: {\"warnings\": […]}, the cells read as missing because their level "
                    + "was not seen in training; absent when there are none", nullable = true,
                    implementation = Map.class) Map<String, List<String>> parameters) {
    }

    record ResponseOutput(String name, long[] shape, String datatype,
            @Schema(description = "Row-major, flat: numbers, booleans for BOOL, numbers and level names for a typed "
                    + "model's BYTES reconstruction", implementation = Object[].class,
                    example = "[0.25, -1.5, 0.75, 0.5, 0.0, -2.25]") Object data) {
    }

    /** The model's output tensors; is_anomaly and p_value need a calibrated model (a threshold, calibration scores). */
    enum Output {
        CODE("code", "FP32"),
        RECONSTRUCTION("reconstruction", "FP32"),
        SCORE("score", "FP64"),
        IS_ANOMALY("is_anomaly", "BOOL"),
        P_VALUE("p_value", "FP64");

        final String tensor;
        final String datatype;

        Output(String tensor, String datatype) {
            this.tensor = tensor;
            this.datatype = datatype;
        }

        boolean scores() {
            return this == SCORE || this == IS_ANOMALY || this == P_VALUE;
        }

        /** The tensor's datatype for {@code model}: a typed model's reconstruction holds level names, BYTES. */
        String datatype(LoadedModel model) {
            return this == RECONSTRUCTION && model.table() != null ? "BYTES" : datatype;
        }

        /** The tensor's shape for {@code rows} rows (-1 in metadata). */
        long[] shape(LoadedModel model, long rows) {
            return switch (this) {
                case CODE -> new long[] {rows, model.codeDim()};
                case RECONSTRUCTION -> new long[] {rows, model.columns()};
                case SCORE, IS_ANOMALY, P_VALUE -> new long[] {rows};
            };
        }

        /** The outputs {@code model} produces, in the order they are listed and returned by default. */
        static List<Output> of(LoadedModel model) {
            return Arrays.stream(values())
                    .filter(o -> model.calibration() != null || !(o == IS_ANOMALY || o == P_VALUE)).toList();
        }
    }
}
