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

    private static final String DENOISING_EXAMPLE = """
            {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "name": "fmnist-denoising", "variant": "DENOISING",
             "encoder": [256, 64], "noise": {"type": "MASKING", "level": 0.3},
             "training": {"epochs": 10, "batchSize": 128}}""";
    private static final String SPARSE_EXAMPLE = """
            {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "name": "fmnist-sparse", "variant": "SPARSE",
             "encoder": [256, 400], "codeActivation": "SIGMOID", "sparsity": {"target": 0.05, "weight": 3.0},
             "training": {"epochs": 10}}""";
    private static final String CONTRACTIVE_EXAMPLE = """
            {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "name": "fmnist-contractive", "variant": "CONTRACTIVE",
             "encoder": [256, 64], "contractive": {"weight": 0.0001, "scope": "ENCODER"},
             "training": {"epochs": 10}}""";
    private static final String VARIATIONAL_EXAMPLE = """
            {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "name": "fmnist-vae", "variant": "VARIATIONAL",
             "encoder": [256], "outputActivation": "SIGMOID", "normalization": "MINMAX",
             "variational": {"latentDim": 32, "klWeight": 1.0, "likelihood": "BERNOULLI", "samples": 1},
             "anomaly": {"score": "LOG_PROBABILITY"}, "training": {"epochs": 20}}""";
    private static final String STACKED_EXAMPLE = """
            {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "name": "fmnist-stacked", "variant": "STACKED",
             "encoder": [256, 64], "stacked": {"pretrainEpochs": 5, "fineTune": true},
             "training": {"epochs": 10}}""";
    /** What a job's view looks like while it trains. */
    static final String JOB_EXAMPLE = """
            {"id": "6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00", "name": "fmnist-basic", "kind": "TRAINING",
             "status": "RUNNING", "variant": "BASIC", "datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b",
             "modelId": null, "resultDatasetId": null, "epoch": 3, "epochs": 10, "phase": "train", "progress": 0.3,
             "lastLoss": 0.0231, "etaSeconds": 21.4, "error": null, "warnings": [],
             "createdAt": "2026-11-27T10:30:58Z", "startedAt": "2026-11-27T10:31:00Z", "finishedAt": null,
             "attempt": 1, "resumedFromEpoch": null, "stopReason": null, "node": "node-a",
             "spec": {"datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b", "name": "fmnist-basic", "variant": "BASIC",
                      "encoder": [256, 64], "decoder": null, "activation": "RELU", "codeActivation": "RELU",
                      "outputActivation": "SIGMOID", "loss": "MSE", "tiedWeights": false, "weightDecay": 0.0,
                      "normalization": "MINMAX", "noise": null, "sparsity": null, "contractive": null,
                      "variational": null, "stacked": null, "modalities": null, "multimodal": null,
                      "anomaly": {"contamination": 0.01, "score": "MSE"},
                      "training": {"epochs": 10, "batchSize": 128, "optimizer": "ADAM", "learningRate": 0.001,
                                   "momentum": 0.9, "validationFraction": 0.1, "seed": 42, "threads": null,
                                   "earlyStopping": null, "maxRuntimeSeconds": null}},
             "transform": null}""";
    private static final String EVENTS_EXAMPLE = """
            event:progress
            id:6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00:3
            data:{"id":"6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00","status":"RUNNING","epoch":3,"epochs":10,"progress":0.3,…}

            event:done
            id:6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00:10
            data:{"id":"6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00","status":"SUCCEEDED","epoch":10,"epochs":10,"progress":1.0,…}
            """;

    private final TrainingJobs jobs;

    TrainingJobController(TrainingJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "submitJob", summary = "Queue a training job",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    examples = {@ExampleObject(name = "basic", value = BASIC_EXAMPLE),
                            @ExampleObject(name = "denoising", value = DENOISING_EXAMPLE),
                            @ExampleObject(name = "sparse", summary = "overcomplete code kept sparse",
                                    value = SPARSE_EXAMPLE),
                            @ExampleObject(name = "contractive", value = CONTRACTIVE_EXAMPLE),
                            @ExampleObject(name = "variational", value = VARIATIONAL_EXAMPLE),
                            @ExampleObject(name = "stacked", value = STACKED_EXAMPLE),
                            @ExampleObject(name = "multimodal", summary = "the first four image rows' halves as two "
                                    + "modalities (list all 28 ranges per half for whole images)",
                                    value = MULTIMODAL_EXAMPLE)})))
    @ApiResponse(responseCode = "202", description = "Queued; Location names the job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobView.class),
            examples = @ExampleObject(value = JOB_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "not-found: unknown dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "invalid-spec: the spec is inconsistent or out of range, errors[] "
            + "names each field (training.epochs, encoder[1], modalities[0].columns); validation: a field of the wrong "
            + "type or an unknown enum value; training-memory-limit: the job would need more memory than allowed",
            content = @Content(mediaType = "application/problem+json"))
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
    @Operation(operationId = "listJobs", summary = "List jobs, newest first")
    @ApiResponse(responseCode = "200", description = "One page of jobs", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobPage.class),
            examples = @ExampleObject(value = "{\"items\": [" + JOB_EXAMPLE + "], \"page\": 0, \"size\": 20, "
                    + "\"totalItems\": 1, \"totalPages\": 1}")))
    JobPage list(@Parameter(description = "0-based page; a page past the end is empty") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return jobs.list(page, size);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getJob", summary = "Read a job: status, epoch, progress, last loss, ETA")
    @ApiResponse(responseCode = "200", description = "The job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobView.class),
            examples = @ExampleObject(value = JOB_EXAMPLE)))
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
    JobMetricsView metrics(@PathVariable UUID id) {
        return jobs.metrics(id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "streamJobEvents", summary = "Follow a job as Server-Sent Events",
            description = "The current state first (`progress`), one `progress` event per epoch, then `done`, "
                    + "`failed` or `cancelled`, after which the stream closes. Each event's data is the job view.")
    @ApiResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"),
            examples = @ExampleObject(value = EVENTS_EXAMPLE)))
    @ApiResponse(responseCode = "429", description = "too-many-event-streams: the node already holds "
            + "hourglass.limits.max-event-streams open streams, or this job max-event-streams-per-job; poll the job "
            + "or retry after Retry-After")
    SseEmitter events(@PathVariable UUID id) {
        return jobs.events(id);
    }

    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "cancelJob", summary = "Cancel a job", description = "A queued job is cancelled at once; a running job stops "
            + "at its next mini-batch (status CANCEL_REQUESTED until then). No model is published.")
    @ApiResponse(responseCode = "202", description = "Cancelled or cancellation requested", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = JobView.class),
            examples = @ExampleObject(value = JOB_EXAMPLE)))
    @ApiResponse(responseCode = "409", description = "job-not-cancellable: the job already finished", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<JobView> cancel(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(jobs.cancel(id));
    }
}
