package dev.hourglass.model;

import java.util.UUID;

import java.io.IOException;
import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping(path = "/api/v1/models", produces = "application/json")
@Tag(name = "Models", description = "Trained models and their training history")
@Validated
class ModelController {

    private static final String MODEL_EXAMPLE = """
            {"id": "0b7d3c1a-5e2f-4a6b-9c8d-1e2f3a4b5c6d", "name": "fmnist-basic",
             "jobId": "6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00", "datasetId": "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b",
             "variant": "BASIC",
             "spec": {"variant": "BASIC", "encoder": [256, 64], "activation": "RELU", "outputActivation": "SIGMOID",
                      "loss": "MSE", "normalization": "MINMAX", "training": {"epochs": 10, "batchSize": 128}},
             "inputDim": 784, "codeDim": 64, "parameterCount": 435536,
             "metrics": {"epochs": 10, "trainLoss": 0.0118, "validationLoss": 0.0124, "threads": 2},
             "weightsSha256": "c090941eb866ee78a132365d46fc072d24cb03e3f4b3165b01511947a88ac0e8",
             "anomaly": {"scoreType": "MSE", "threshold": 0.0465, "contamination": 0.01, "calibrationRows": 200,
                         "quantiles": {"p50": 0.0104, "p90": 0.0212, "p99": 0.0463, "p99.9": 0.0701}},
             "columns": null, "modalities": null, "createdAt": "2026-11-27T10:31:31Z"}""";
    private static final String METRICS_EXAMPLE = """
            {"modelId": "0b7d3c1a-5e2f-4a6b-9c8d-1e2f3a4b5c6d", "jobId": "6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00",
             "epochs": [{"phase": "train", "epoch": 1, "trainLoss": 0.0412, "validationLoss": 0.0398,
                         "terms": {"reconstruction": 0.0412}, "seconds": 3.1, "samplesPerSecond": 580.6,
                         "recordedAt": "2026-11-27T10:31:03Z"}]}""";

    private final Models models;

    ModelController(Models models) {
        this.models = models;
    }

    @GetMapping
    @Operation(operationId = "listModels", summary = "List models, newest first")
    @ApiResponse(responseCode = "200", description = "One page of models", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ModelPage.class),
            examples = @ExampleObject(value = "{\"items\": [" + MODEL_EXAMPLE + "], \"page\": 0, \"size\": 20, "
                    + "\"totalItems\": 1, \"totalPages\": 1}")))
    ModelPage list(@Parameter(description = "0-based page; a page past the end is empty") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return models.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getModel", summary = "Read a model: spec, dimensions, parameter count and final metrics")
    @ApiResponse(responseCode = "200", description = "The model", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ModelView.class),
            examples = @ExampleObject(value = MODEL_EXAMPLE)))
    ModelView get(@PathVariable UUID id) {
        return models.get(id);
    }

    @GetMapping(path = "/{id}/export", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(operationId = "exportModel", summary = "Download the model file",
            description = "One versioned binary file (HGAE): the training spec, the normalizer and the weights. "
                    + "POST it to /models/import on any Hourglass to serve the same model there.")
    @ApiResponse(responseCode = "200", description = "The model file", content = @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "406", description = "not-acceptable: an Accept header that does not take "
            + "application/octet-stream (send Accept: application/octet-stream, or none)")
    ResponseEntity<byte[]> export(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"hourglass-model-" + id + ".hgae\"")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(models.exportFile(id));
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "importModel", summary = "Publish an exported model file as a new model",
            description = "Multipart part `file`: a file from GET /models/{id}/export. The model has no job or dataset "
                    + "here; its spec, normalizer and weights are the file's.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = ImportForm.class),
                    examples = @ExampleObject(name = "a model file", summary = "the part file holds the bytes of "
                            + "GET /models/{id}/export", value = "{\"file\": \"<hourglass-model-….hgae>\"}"))))
    @ApiResponse(responseCode = "201", description = "Imported; Location names the new model", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ModelView.class),
            examples = @ExampleObject(value = MODEL_EXAMPLE)))
    @ApiResponse(responseCode = "422", description = "invalid-model-file: not a model file of a known version, "
            + "truncated, sizes its length cannot hold, a network over `hourglass.limits.max-parameters`, or a spec "
            + "name over 200 characters",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<ModelView> importFile(@Parameter(hidden = true) @RequestPart("file") MultipartFile file) throws IOException {
        ModelView view = models.importFile(file.getBytes());
        return ResponseEntity.created(URI.create("/api/v1/models/" + view.id())).body(view);
    }

    @GetMapping("/{id}/metrics")
    @Operation(operationId = "getModelMetrics", summary = "Per-epoch training history: train and validation loss and every loss term")
    @ApiResponse(responseCode = "200", description = "The history", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ModelMetricsView.class),
            examples = @ExampleObject(value = METRICS_EXAMPLE)))
    ModelMetricsView metrics(@PathVariable UUID id) {
        return models.metrics(id);
    }

    /** The multipart form of an import, for OpenAPI only. */
    @Schema(description = "A model file from GET /models/{id}/export")
    record ImportForm(@Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED,
            description = "The model file") String file) {
    }
}
