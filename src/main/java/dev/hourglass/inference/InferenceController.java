package dev.hourglass.inference;

import java.util.UUID;

import dev.hourglass.inference.InferenceRequests.DecodeRequest;
import dev.hourglass.inference.InferenceRequests.DecodeResult;
import dev.hourglass.inference.InferenceRequests.EncodeRequest;
import dev.hourglass.inference.InferenceRequests.EncodeResult;
import dev.hourglass.inference.InferenceRequests.InstancesRequest;
import dev.hourglass.inference.InferenceRequests.ReconstructionResult;
import dev.hourglass.inference.InferenceRequests.SampleRequest;
import dev.hourglass.inference.InferenceRequests.SampleResult;
import dev.hourglass.inference.InferenceRequests.ScoreRequest;
import dev.hourglass.inference.InferenceRequests.ScoreResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
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
@ApiResponse(responseCode = "422", description = "A row has the wrong width, a NaN, an infinity or a non-number "
        + "(errors[] names row and column), or the model's float32 arithmetic overflows on it (errors[] names the row)",
        content = @Content(mediaType = "application/problem+json"))
class InferenceController {

    private final Inference inference;

    InferenceController(Inference inference) {
        this.inference = inference;
    }

    @PostMapping("/encode")
    @Operation(summary = "Map rows to codes (a variational model's mean μ; includeVariance adds log σ²)")
    EncodeResult encode(@PathVariable UUID id, @RequestBody EncodeRequest request) {
        return inference.encode(id, request.instances(), request.includeVariance());
    }

    @PostMapping("/decode")
    @Operation(summary = "Map codes back to rows, in the caller's units")
    DecodeResult decode(@PathVariable UUID id, @RequestBody DecodeRequest request) {
        return inference.decode(id, request.codes());
    }

    @PostMapping("/sample")
    @Operation(summary = "Variational models: decode draws from the prior N(0, I), in the caller's units")
    SampleResult sample(@PathVariable UUID id, @RequestBody SampleRequest request) {
        return inference.sample(id, request.count(), request.seed());
    }

    @PostMapping("/score")
    @Operation(summary = "Anomaly scores of rows: the calibrated threshold, flags, p-values, and on request each "
            + "column's share of the score (features) and the k columns that contribute most (top)")
    ScoreResult score(@PathVariable UUID id, @RequestBody ScoreRequest request) {
        return inference.score(id, request.instances(), new Inference.ScoreOptions(
                Boolean.TRUE.equals(request.features()), request.top() == null ? 0 : request.top(), request.threshold(),
                request.contamination(), request.samples(), request.seed()));
    }

    @PostMapping("/reconstruct")
    @Operation(summary = "Encode and decode rows; returns reconstructions and per-row errors")
    ReconstructionResult reconstruct(@PathVariable UUID id, @RequestBody InstancesRequest request) {
        return inference.reconstruct(id, request.instances());
    }
}
