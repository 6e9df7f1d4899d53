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
@ApiResponse(responseCode = "404", description = "Unknown model", content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "422", description = "invalid-rows: a row has the wrong width, a NaN, an infinity or a "
        + "non-number (errors[] names row and column: instances[r][c], or instances[r].column in an object row), an "
        + "object row names an unknown column or leaves one out, a typed row has no observed cell, or the model's "
        + "float32 arithmetic overflows on it (errors[] names the row); not-a-typed-model: impute on a model trained "
        + "on complete rows of numbers; not-multimodal: modalities on a model trained on one; invalid-modalities: "
        + "modalities empty, naming a modality the model does not have (modalities.<name>), with uneven row counts, or "
        + "beside instances (a modality's rows of another width are invalid-rows, modalities.<name>[r])",
        content = @Content(mediaType = "application/problem+json"))
class InferenceController {

    private final Inference inference;

    InferenceController(Inference inference) {
        this.inference = inference;
    }

    @PostMapping("/encode")
    @Operation(summary = "Map rows to codes (a variational model's mean μ; includeVariance adds log σ²)",
            description = "A multimodal model also takes rows per modality instead of instances: "
                    + "{\"modalities\": {\"left\": [[…]]}} encodes from any non-empty subset of its modalities, the "
                    + "others zeroed after normalization as in training.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = EncodeResult.class)))
    EncodeResult encode(@PathVariable UUID id, @RequestBody EncodeRequest request) {
        return request.modalities() == null ? inference.encode(id, request.instances(), request.includeVariance())
                : inference.encodeModalities(id, request.modalities(), request.instances(), request.includeVariance());
    }

    @PostMapping("/decode")
    @Operation(summary = "Map codes back to rows, in the caller's units")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DecodeResult.class)))
    DecodeResult decode(@PathVariable UUID id, @RequestBody DecodeRequest request) {
        return inference.decode(id, request.codes());
    }

    @PostMapping("/sample")
    @Operation(summary = "Variational models: decode draws from the prior N(0, I), in the caller's units")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SampleResult.class)))
    SampleResult sample(@PathVariable UUID id, @RequestBody SampleRequest request) {
        return inference.sample(id, request.count(), request.seed());
    }

    @PostMapping("/score")
    @Operation(summary = "Anomaly scores of rows: the calibrated threshold, flags, p-values, and on request each "
            + "column's share of the score (features) and the k columns that contribute most (top)")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ScoreResult.class)))
    ScoreResult score(@PathVariable UUID id, @RequestBody ScoreRequest request) {
        return inference.score(id, request.instances(), new Inference.ScoreOptions(
                Boolean.TRUE.equals(request.features()), request.top() == null ? 0 : request.top(), request.threshold(),
                request.contamination(), request.samples(), request.seed()));
    }

    @PostMapping("/reconstruct")
    @Operation(summary = "Encode and decode rows; returns reconstructions (each row in the form it was sent) and "
            + "per-row errors, and for a typed model on request each categorical column's level probabilities",
            description = "A multimodal model also takes rows per modality instead of instances: "
                    + "{\"modalities\": {\"left\": [[…]]}} reconstructs every modality from the given ones (the "
                    + "others zeroed after normalization, as in training) and answers {\"reconstructions\": {\"left\": "
                    + "[[…]], \"right\": [[…]]}, \"errors\": […], \"modalityErrors\": {\"left\": […]}}: the errors "
                    + "compare the given modalities with their reconstructions.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ReconstructionResult.class)))
    ReconstructionResult reconstruct(@PathVariable UUID id, @RequestBody ReconstructRequest request) {
        return request.modalities() == null ? inference.reconstruct(id, request)
                : inference.reconstructModalities(id, request.modalities(), request.instances());
    }

    @PostMapping("/impute")
    @Operation(summary = "Typed models: fill every missing (null) cell of the rows from the reconstruction",
            description = "The rows come back in the form they were sent, every cell given left as it was and each "
                    + "null cell filled: a number in the caller's units, or the most probable level; imputed lists "
                    + "the columns filled per row. A model trained on complete rows of numbers is a 422 "
                    + "not-a-typed-model.")
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ImputationResult.class)))
    ImputationResult impute(@PathVariable UUID id, @RequestBody InstancesRequest request) {
        return inference.impute(id, request.instances());
    }
}
