package dev.hourglass.inference;

import java.util.UUID;

import dev.hourglass.inference.InferenceRequests.DecodeRequest;
import dev.hourglass.inference.InferenceRequests.DecodeResult;
import dev.hourglass.inference.InferenceRequests.EncodeRequest;
import dev.hourglass.inference.InferenceRequests.EncodeResult;
import dev.hourglass.inference.InferenceRequests.ImputationResult;
import dev.hourglass.inference.InferenceRequests.InstancesRequest;
import dev.hourglass.inference.InferenceRequests.ReconstructRequest;
import dev.hourglass.inference.InferenceRequests.ReconstructionResult;
import dev.hourglass.inference.InferenceRequests.SampleRequest;
import dev.hourglass.inference.InferenceRequests.SampleResult;
import dev.hourglass.inference.InferenceRequests.ScoreRequest;
import dev.hourglass.inference.InferenceRequests.ScoreResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/models/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inference", description = "Use a trained model")
@ApiResponse(responseCode = "413", description = "too-many-rows: more rows than hourglass.limits.max-inference-rows "
        + "(or cells than max-inference-cells); request-too-large: a body over the JSON cap",
        content = @Content(mediaType = "application/problem+json"))
class InferenceController {

    /** The 422 of calls that read rows: what invalid-rows covers. */
    private static final String INVALID_ROWS = "invalid-rows: a row has the wrong width, a NaN, an infinity or a "
            + "non-number (errors[] names row and column: instances[r][c], or instances[r].column in an object row), an "
            + "object row names an unknown column or leaves one out, a typed row has no observed cell, or the model's "
            + "float32 arithmetic overflows on it (errors[] names the row)";
    /** The 422 of calls that take rows per modality. */
    private static final String INVALID_MODALITIES = "; not-multimodal: modalities on a model trained on one; "
            + "invalid-modalities: modalities empty, naming a modality the model does not have (modalities.<name>), "
            + "with uneven row counts, or beside instances (a modality's rows of another width are invalid-rows, "
            + "modalities.<name>[r])";
    private static final String ROWS_EXAMPLE = "{\"instances\": [[0.0, 12.0, 255.0], [3.5, 0.0, 128.0]]}";
    private static final String TYPED_ROWS_EXAMPLE = "{\"instances\": [{\"x1\": 13.1, \"region\": \"north\", "
            + "\"x2\": null}, [7.2, \"south\", 4.9]]}";
    private static final String MODALITIES_EXAMPLE = "{\"modalities\": {\"left\": [[0.12, -0.4, 0.9]]}}";

    private final Inference inference;

    InferenceController(Inference inference) {
        this.inference = inference;
    }

    @PostMapping("/encode")
    @Operation(operationId = "encodeRows", summary = "Map rows to codes (a variational model's mean μ; includeVariance adds log σ²)",
            description = "A multimodal model also takes rows per modality instead of instances: "
                    + "{\"modalities\": {\"left\": [[…]]}} encodes from any non-empty subset of its modalities, the "
                    + "others zeroed after normalization as in training.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = EncodeResult.class), examples = @ExampleObject(value =
            "{\"codes\": [[0.41, 0.0, 1.27, 0.66], [0.12, 0.93, 0.0, 0.25]], \"logVariances\": null}")))
    @ApiResponse(responseCode = "422", description = INVALID_ROWS + "; not-variational: includeVariance on a model "
            + "that is not variational" + INVALID_MODALITIES, content = @Content(mediaType = "application/problem+json"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = {
                    @ExampleObject(name = "rows", value = ROWS_EXAMPLE),
                    @ExampleObject(name = "typed rows", value = TYPED_ROWS_EXAMPLE),
                    @ExampleObject(name = "one modality", value = MODALITIES_EXAMPLE),
                    @ExampleObject(name = "variational, with log-variances", value = "{\"instances\": [[0.0, 12.0, 255.0]], \"includeVariance\": true}")}))
    EncodeResult encode(@PathVariable UUID id, @RequestBody EncodeRequest request) {
        return request.modalities() == null ? inference.encode(id, request.instances(), request.includeVariance())
                : inference.encodeModalities(id, request.modalities(), request.instances(), request.includeVariance());
    }

    @PostMapping("/decode")
    @Operation(operationId = "decodeCodes", summary = "Map codes back to rows, in the caller's units")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DecodeResult.class), examples = @ExampleObject(value =
            "{\"reconstructions\": [[0.3, 11.2, 251.9]]}")))
    @ApiResponse(responseCode = "422", description = "invalid-rows: a code of another width than the model's code, or "
            + "not finite numbers (codes[r][c]), or an output that overflows float32",
            content = @Content(mediaType = "application/problem+json"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = {
                    @ExampleObject(name = "codes", value = "{\"codes\": [[0.41, 0.0, 1.27, 0.66]]}")}))
    DecodeResult decode(@PathVariable UUID id, @RequestBody DecodeRequest request) {
        return inference.decode(id, request.codes());
    }

    @PostMapping("/sample")
    @Operation(operationId = "sampleFromPrior", summary = "Variational models: decode draws from the prior N(0, I), in the caller's units")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SampleResult.class), examples = @ExampleObject(value =
            "{\"samples\": [[0.2, 14.8, 240.1], [1.7, 3.3, 97.4]]}")))
    @ApiResponse(responseCode = "422", description = "not-variational: a model that is not variational; validation: "
            + "count outside 1..max-inference-rows", content = @Content(mediaType = "application/problem+json"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = {
                    @ExampleObject(name = "16 draws, seeded", value = "{\"count\": 16, \"seed\": 7}")}))
    SampleResult sample(@PathVariable UUID id, @RequestBody SampleRequest request) {
        return inference.sample(id, request.count(), request.seed());
    }

    @PostMapping("/score")
    @Operation(operationId = "scoreRows", summary = "Anomaly scores of rows: the calibrated threshold, flags, p-values, and on request each "
            + "column's share of the score (features) and the k columns that contribute most (top)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ScoreResult.class), examples = @ExampleObject(value =
            "{\"scoreType\": \"MSE\", \"threshold\": 0.0306, \"scores\": [0.0412, 0.0087], \"anomalies\": [true, false], "
            + "\"pValues\": [0.0021, 0.47], \"top\": [[{\"column\": \"x3\", \"error\": 0.081, \"share\": 0.66}], "
            + "[{\"column\": \"x1\", \"error\": 0.012, \"share\": 0.46}]]}")))
    @ApiResponse(responseCode = "422", description = INVALID_ROWS + "; invalid-score-request: top beyond the columns, "
            + "contamination outside (0, 0.5] or with a threshold, samples outside 1..1000, samples or seed on a model "
            + "that does not score LOG_PROBABILITY", content = @Content(mediaType = "application/problem+json"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = {
                    @ExampleObject(name = "rows", value = ROWS_EXAMPLE),
                    @ExampleObject(name = "with the top column of each row", value = "{\"instances\": [[0.0, 12.0, 255.0], [3.5, 0.0, 128.0]], \"top\": 1}"),
                    @ExampleObject(name = "another contamination", value = "{\"instances\": [[0.0, 12.0, 255.0]], \"contamination\": 0.05, \"features\": true}")}))
    ScoreResult score(@PathVariable UUID id, @RequestBody ScoreRequest request) {
        return inference.score(id, request.instances(), new Inference.ScoreOptions(
                Boolean.TRUE.equals(request.features()), request.top() == null ? 0 : request.top(), request.threshold(),
                request.contamination(), request.samples(), request.seed()));
    }

    @PostMapping("/reconstruct")
    @Operation(operationId = "reconstructRows", summary = "Encode and decode rows; returns reconstructions (each row in the form it was sent) and "
            + "per-row errors, and for a typed model on request each categorical column's level probabilities",
            description = "A multimodal model also takes rows per modality instead of instances: "
                    + "{\"modalities\": {\"left\": [[…]]}} reconstructs every modality from the given ones (the "
                    + "others zeroed after normalization, as in training) and answers {\"reconstructions\": {\"left\": "
                    + "[[…]], \"right\": [[…]]}, \"errors\": […], \"modalityErrors\": {\"left\": […]}}: the errors "
                    + "compare the given modalities with their reconstructions.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ReconstructionResult.class), examples = @ExampleObject(value =
            "{\"reconstructions\": [[0.3, 11.2, 251.9], [3.1, 0.4, 130.2]], \"errors\": [0.0021, 0.0034]}")))
    @ApiResponse(responseCode = "422", description = INVALID_ROWS + INVALID_MODALITIES,
            content = @Content(mediaType = "application/problem+json"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = {
                    @ExampleObject(name = "rows", value = ROWS_EXAMPLE),
                    @ExampleObject(name = "typed rows with level probabilities", value = "{\"instances\": [{\"x1\": 13.1, \"region\": \"north\", \"x2\": null}], \"probabilities\": true}"),
                    @ExampleObject(name = "one modality", value = MODALITIES_EXAMPLE)}))
    ReconstructionResult reconstruct(@PathVariable UUID id, @RequestBody ReconstructRequest request) {
        return request.modalities() == null ? inference.reconstruct(id, request)
                : inference.reconstructModalities(id, request.modalities(), request.instances());
    }

    @PostMapping("/impute")
    @Operation(operationId = "imputeRows", summary = "Typed models: fill every missing (null) cell of the rows from the reconstruction",
            description = "The rows come back in the form they were sent, every cell given left as it was and each "
                    + "null cell filled: a number in the caller's units, or the most probable level; imputed lists "
                    + "the columns filled per row. A model trained on complete rows of numbers is a 422 "
                    + "not-a-typed-model.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ImputationResult.class), examples = @ExampleObject(value =
            "{\"instances\": [{\"x1\": 13.1, \"region\": \"north\", \"x2\": 12.5}, [7.2, \"south\", 4.9]], "
            + "\"imputed\": [[\"x2\"], []]}")))
    @ApiResponse(responseCode = "422", description = INVALID_ROWS + "; not-a-typed-model: a model trained on complete "
            + "rows of numbers", content = @Content(mediaType = "application/problem+json"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", examples = {
                    @ExampleObject(name = "typed rows", value = TYPED_ROWS_EXAMPLE)}))
    ImputationResult impute(@PathVariable UUID id, @RequestBody InstancesRequest request) {
        return inference.impute(id, request.instances());
    }
}
