package dev.hourglass.inference;

import java.util.UUID;

import dev.hourglass.inference.InferenceRequests.NearestRequest;
import dev.hourglass.inference.InferenceRequests.NearestResult;
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
@Tag(name = "Inference")
class NearestController {

    private final Nearest nearest;

    NearestController(Nearest nearest) {
        this.nearest = nearest;
    }

    @PostMapping("/nearest")
    @Operation(operationId = "findNearestRows", summary = "Multimodal models: the rows of a stored dataset whose modality to lies nearest each query "
            + "row of modality from in the shared space",
            description = "Each query row is encoded from modality from alone and each dataset row from modality to "
                    + "alone (the other modalities zeroed after normalization, as in training); the k dataset rows "
                    + "with the nearest codes (Euclidean) come back per query, nearest first, ties by row index. The "
                    + "dataset's columns of modality to are found by the model's column names. Its codes are computed "
                    + "once and cached on the node until the dataset is deleted or the cache's bound evicts them.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", examples = @ExampleObject(name = "left to right", value =
                    "{\"from\": \"left\", \"to\": \"right\", \"datasetId\": \"3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b\", "
                            + "\"k\": 2, \"rows\": [[0.12, -0.4, 0.9]]}"))))
    @ApiResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = NearestResult.class), examples = @ExampleObject(value = "{\"neighbours\": "
                    + "[[{\"row\": 41, \"distance\": 0.173}, {\"row\": 7, \"distance\": 0.208}]]}")))
    @ApiResponse(responseCode = "404", description = "Unknown model or dataset",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "too-many-rows: more query rows than "
            + "hourglass.limits.max-inference-rows, or query rows × dataset rows beyond "
            + "hourglass.limits.max-nearest-pairs", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "not-multimodal: a model trained on one modality; "
            + "invalid-modalities: from or to missing, naming a modality the model does not have, or the same one; "
            + "invalid-rows: a query row of another width than modality from, or not finite numbers (rows[r][c]); "
            + "invalid-nearest-request: k outside 1..1000, no datasetId, or a dataset without every column of "
            + "modality to as complete numbers (errors[] names datasetId)",
            content = @Content(mediaType = "application/problem+json"))
    NearestResult nearest(@PathVariable UUID id, @RequestBody NearestRequest request) {
        return nearest.nearest(id, request);
    }
}
