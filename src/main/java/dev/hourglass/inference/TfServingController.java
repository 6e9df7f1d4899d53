package dev.hourglass.inference;

import dev.hourglass.inference.ServingProtocols.ErrorBody;
import dev.hourglass.inference.ServingProtocols.ProtocolException;
import dev.hourglass.inference.TfServingMessages.PredictRequest;
import dev.hourglass.inference.TfServingMessages.PredictResponse;
import dev.hourglass.inference.TfServingMessages.ScoreOutputs;
import dev.hourglass.inference.TfServingMessages.ScorePrediction;
import dev.hourglass.inference.TfServingMessages.Signature;
import dev.hourglass.model.LoadedModel;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * TF-Serving's REST predict API over the inference service, for clients written against TensorFlow Serving:
 * a model (named by its id) serves the signatures encode, reconstruct and score.
 */
@RestController
@Tag(name = "TF-Serving", description = "TensorFlow Serving's REST predict API "
        + "(https://www.tensorflow.org/tfx/serving/api_rest); errors are {\"error\": \"…\"}")
class TfServingController {

    private final Inference inference;
    private final JsonMapper json;

    TfServingController(Inference inference, JsonMapper json) {
        this.inference = inference;
        this.json = json;
    }

    @PostMapping("/v1/models/{id}:predict")
    @Operation(operationId = "tfServingPredict", summary = "Predict: encode (the default signature), reconstruct or score rows",
            description = "Row format ({\"instances\": rows}) is answered with {\"predictions\": …}: per row its code "
                    + "or reconstruction, or for score an object {score, is_anomaly, p_value} (the last two for "
                    + "calibrated models). Columnar format ({\"inputs\": rows}) is answered with {\"outputs\": …}. "
                    + "A model trained on a typed table also takes rows as objects {column: value}, level names in "
                    + "categorical columns and null for a missing cell, as /api/v1 does; its reconstructions keep "
                    + "each row's form, and levels not seen in training are listed in warnings.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = PredictRequest.class), examples = {
                            @ExampleObject(name = "encode", value = "{\"instances\": [[0.0, 12.0, 255.0]]}"),
                            @ExampleObject(name = "score", value = "{\"signature_name\": \"score\", "
                                    + "\"instances\": [[0.0, 12.0, 255.0], [3.0, 9.0, 250.0]]}"),
                            @ExampleObject(name = "typed rows", value = "{\"signature_name\": \"reconstruct\", "
                                    + "\"instances\": [{\"x1\": 10.2, \"region\": \"north\", \"x2\": null, "
                                    + "\"x3\": 11.0, \"tier\": \"gold\", \"x4\": 9.5}]}"),
                            @ExampleObject(name = "columnar", value = "{\"signature_name\": \"reconstruct\", "
                                    + "\"inputs\": [[0.0, 12.0, 255.0]]}")})))
    @ApiResponse(responseCode = "200", description = "predictions (row format) or outputs (columnar format)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PredictResponse.class),
                    examples = @ExampleObject(value = "{\"predictions\": [[0.41, 0.0, 1.27, 0.66]]}")))
    @ApiResponse(responseCode = "400", description = "Invalid request: unknown signature, instances and inputs both "
            + "or neither, a wrong width, a NaN, an infinity or a non-number, a typed row naming an unknown column or "
            + "leaving one out, a row the model's float32 arithmetic overflows on, malformed JSON",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "Unknown model",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "413", description = "More rows than hourglass.limits.max-inference-rows (or cells), "
            + "or a body over max-inference-body (or max-json-body, if smaller)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "415",
            description = "A Content-Type other than JSON; a form post (as curl -d sends) or no type is read as JSON",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    PredictResponse predict(@PathVariable String id, HttpServletRequest request) {
        LoadedModel model = inference.model(ServingProtocols.modelId(id));
        PredictRequest body = ServingProtocols.readBody(request, json, PredictRequest.class);
        Signature signature = Signature.named(body.signatureName());
        boolean columnar = body.inputs() != null;
        if (columnar == (body.instances() != null)) {
            throw ProtocolException.badRequest(columnar
                    ? "Give instances (row format) or inputs (columnar format), not both"
                    : "Missing instances (row format) or inputs (columnar format)");
        }
        String field = columnar ? "inputs" : "instances";
        Inference.Batch rows = inference.read(model, columnar ? columnarRows(body.inputs()) : body.instances(), field);
        Object answer = switch (signature) {
            case ENCODE -> inference.encode(model, rows);
            case RECONSTRUCT -> inference.reconstruct(model, rows, false).reconstructions();
            case SCORE -> columnar ? ScoreOutputs.of(inference.score(model, field, rows))
                    : ScorePrediction.rows(inference.score(model, field, rows));
        };
        return columnar ? new PredictResponse(null, answer, rows.warnings())
                : new PredictResponse(answer, null, rows.warnings());
    }

    /** Columnar inputs: the one input tensor itself, or a map from its name, {@code input}, to it. */
    private static Rows columnarRows(Rows inputs) {
        if (!inputs.isObject()) {
            return inputs;
        }
        if (inputs.size() != 1 || !inputs.has("input")) {
            throw ProtocolException.badRequest("inputs: the signatures take one input tensor, named 'input'; got "
                    + inputs.propertyNames());
        }
        return inputs.get("input");
    }

    /** Anything else under /v1 (the status, metadata, classify and regress APIs are not served) is a 404. */
    @Hidden
    @RequestMapping(path = "/v1/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT,
            RequestMethod.PATCH, RequestMethod.DELETE})
    void unknown(HttpServletRequest request) {
        throw ProtocolException.notFound("No TF-Serving endpoint " + request.getMethod() + " " + request.getRequestURI()
                + "; this service answers POST /v1/models/{id}:predict");
    }
}
