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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping(path = "/api/v1/jobs")
@Tag(name = "Jobs", description = "Asynchronous jobs: training, and transforms of datasets through models")
@Validated
class TrainingJobController {

    private static final String BASIC_EXAMPLE = """
            {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "name": "fmnist-basic", "variant": "BASIC",
             "encoder": [256, 64], "activation": "RELU", "outputActivation": "SIGMOID", "loss": "MSE",
             "normalization": "MINMAX",
             "training": {"epochs": 10, "batchSize": 128, "optimizer": "ADAM", "learningRate": 0.001,
                          "validationFraction": 0.1, "seed": 42}}""";
    /** Fashion-MNIST images as two modalities: each image's left half (pixels p with p % 28 < 14) and its right half. */
    private static final String MULTIMODAL_EXAMPLE = """
            {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "name": "fmnist-halves", "variant": "MULTIMODAL",
             "encoder": [32],
             "modalities": [{"name": "left", "columns": ["0-13", "28-41", "56-69", "84-97"], "encoder": [128]},
                            {"name": "right", "columns": ["14-27", "42-55", "70-83", "98-111"], "encoder": [128]}],
             "multimodal": {"singleModalityFraction": 0.6666667, "alignment": 0.1},
             "training": {"epochs": 20, "batchSize": 64, "seed": 42}}""";

    private static final String METRICS_EXAMPLE = """
            {"jobId": "6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00",
             "epochs": [{"phase": "train", "epoch": 1, "trainLoss": 0.0412, "validationLoss": 0.0398,
                         "terms": {"reconstruction": 0.0412}, "seconds": 3.1, "samplesPerSecond": 580.6,
                         "recordedAt": "2026-11-27T10:31:03Z"},
                        {"phase": "train", "epoch": 2, "trainLoss": 0.0287, "validationLoss": 0.0291,
                         "terms": {"reconstruction": 0.0287}, "seconds": 2.9, "samplesPerSecond": 620.7,
                         "recordedAt": "2026-11-27T10:31:06Z"}]}""";

    private final TrainingJobs jobs;

    TrainingJobController(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Queue a training job",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = {@ExampleObject(name = "basic", value = BASIC_EXAMPLE),
                            @ExampleObject(name = "multimodal", summary = "the first four image rows' halves as two "
                                    + "modalities (list all 28 ranges per half for whole images)",
                                    value = MULTIMODAL_EXAMPLE)})))
    @ApiResponse(responseCode = "202", description = "Queued; Location names the job")
    @ApiResponse(responseCode = "404", description = "Unknown dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "Invalid spec; errors[] names each field", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key reused with another body", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "The queue is full; see Retry-After", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "This node is shutting down; see Retry-After", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<JobView> submit(@RequestBody TrainingSpec spec,
            @Parameter(description = "Makes the submit safe to retry: the same key with the same body returns the "
                    + "same job (header Idempotent-Replayed: true); with another body, 409")
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey) {
        TrainingJobs.Submission submission;
        try {
            submission = jobs.submit(spec, idempotencyKey);
        } catch (DataIntegrityViolationException e) {
            if (idempotencyKey == null || !jobs.hasIdempotencyKey(idempotencyKey)) {
                throw e;
            }
            submission = jobs.resubmit(spec, idempotencyKey);   // a concurrent request with the same key won
        }
        JobView view = submission.job();
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + view.id()))
                .header("Idempotent-Replayed", String.valueOf(submission.replayed())).body(view);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List jobs, newest first")
    JobPage list(@Parameter(description = "0-based page") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return jobs.list(page, size);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read a job: status, epoch, progress, last loss, ETA")
    JobView get(@PathVariable UUID id) {
        return jobs.get(id);
    }

    @GetMapping(path = "/{id}/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getJobMetrics",
            summary = "A job's per-epoch history so far: train and validation loss and every loss term",
            description = "The rows GET /models/{id}/metrics shows for the job's model, one per epoch and phase in the "
                    + "order they ended. Each epoch's row is stored as the epoch ends, so the history grows while the "
                    + "job trains (a page can draw live loss curves per term, refetching on each `progress` event); "
                    + "it is empty before the first epoch ends, and for a transform job. The rows of epochs a failed "
                    + "or cancelled job completed stay.")
    @ApiResponse(responseCode = "200", description = "The history so far", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobMetricsView.class),
            examples = @ExampleObject(name = "two epochs", value = METRICS_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such job (`not-found`)", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    JobMetricsView metrics(@PathVariable UUID id) {
        return jobs.metrics(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a job as Server-Sent Events",
            description = "The current state first (`progress`), one `progress` event per epoch, then `done`, "
                    + "`failed` or `cancelled`, after which the stream closes. Each event's data is the job view.")
    SseEmitter events(@PathVariable UUID id) {
        return jobs.events(id);
    }

    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a job", description = "A queued job is cancelled at once; a running job stops "
            + "at its next mini-batch (status CANCEL_REQUESTED until then). No model is published.")
    @ApiResponse(responseCode = "202", description = "Cancelled or cancellation requested")
    @ApiResponse(responseCode = "409", description = "The job already finished", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<JobView> cancel(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(jobs.cancel(id));
    }
}
