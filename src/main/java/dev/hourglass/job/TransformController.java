package dev.hourglass.job;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Jobs", description = "Asynchronous jobs: training, and transforms of datasets through models")
@Validated
class TransformController {

    private static final String TRANSFORM_EXAMPLE = """
            {"id": "9a0c2d4e-6f81-4b3a-8c5d-7e9f1a2b3c4d", "name": "fmnist-scores", "kind": "TRANSFORM",
             "status": "QUEUED", "variant": "BASIC", "datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b",
             "modelId": "0b7d3c1a-5e2f-4a6b-9c8d-1e2f3a4b5c6d", "resultDatasetId": null, "epoch": 0, "epochs": 4,
             "phase": null, "progress": 0.0, "lastLoss": null, "etaSeconds": null, "error": null, "warnings": [],
             "createdAt": "2026-11-27T11:02:13Z", "startedAt": null, "finishedAt": null, "attempt": 0,
             "resumedFromEpoch": null, "stopReason": null, "node": null, "spec": null,
             "transform": {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "output": "SCORES",
                           "name": "fmnist-scores", "chunkRows": 16384, "modelId": "0b7d3c1a-5e2f-4a6b-9c8d-1e2f3a4b5c6d"}}""";

    private final TrainingJobs jobs;

    TransformController(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping(path = "/api/v1/models/{id}/transform", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "submitTransform", summary = "Run a dataset through the model into a new dataset, as a job",
            description = "CODES, RECONSTRUCTIONS or SCORES of every row, as encode, reconstruct and score answer "
                    + "them; the job runs on the queue like training (progress, events, cancel, resume on another "
                    + "node) and its resultDatasetId names the new dataset, which keeps the source's labels.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(name = "scores",
                    value = "{\"datasetId\": \"3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b\", \"output\": \"SCORES\", "
                            + "\"name\": \"fmnist-scores\"}"))))
    @ApiResponse(responseCode = "202", description = "Queued; Location names the job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobView.class),
            examples = @ExampleObject(value = TRANSFORM_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "not-found: unknown model or dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "invalid-transform: missing fields, a dataset whose columns are not the model's inputs (another count, or the model's names in another order), or a result beyond the dataset limits", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key reused with another body", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "The queue is full; see Retry-After", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "This node is shutting down; see Retry-After", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<JobView> transform(@PathVariable UUID id, @RequestBody TransformRequest request,
            @Parameter(description = "Makes the submit safe to retry, as for training jobs")
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey) {
        TrainingJobs.Submission submission;
        try {
            submission = jobs.submitTransform(id, request, idempotencyKey);
        } catch (DataIntegrityViolationException e) {
            if (idempotencyKey == null || !jobs.hasIdempotencyKey(idempotencyKey)) {
                throw e;
            }
            submission = jobs.resubmitTransform(id, request, idempotencyKey);
        }
        JobView view = submission.job();
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + view.id()))
                .header("Idempotent-Replayed", String.valueOf(submission.replayed())).body(view);
    }
}
