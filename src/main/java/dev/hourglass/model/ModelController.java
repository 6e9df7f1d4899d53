package dev.hourglass.model;

import java.util.UUID;

import java.io.IOException;
import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
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

    private final Models models;

    ModelController(Models models) {
        this.models = models;
    }

    @GetMapping
    @Operation(summary = "List models, newest first")
    ModelPage list(@Parameter(description = "0-based page") @RequestParam(defaultValue = "0") @Min(0) int page,
            @Parameter(description = "page size, 1..200") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return models.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a model: spec, dimensions, parameter count and final metrics")
    ModelView get(@PathVariable UUID id) {
        return models.get(id);
    }

    @GetMapping(path = "/{id}/export", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "Download the model file",
            description = "One versioned binary file (HGAE): the training spec, the normalizer and the weights. "
                    + "POST it to /models/import on any Hourglass to serve the same model there.")
    ResponseEntity<byte[]> export(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"hourglass-model-" + id + ".hgae\"")
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(models.exportFile(id));
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Publish an exported model file as a new model",
            description = "Multipart part `file`: a file from GET /models/{id}/export. The model has no job or dataset "
                    + "here; its spec, normalizer and weights are the file's.")
    @ApiResponse(responseCode = "201", description = "Imported; Location names the new model")
    @ApiResponse(responseCode = "422", description = "Not a model file of a known version (`invalid-model-file`)",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<ModelView> importFile(@RequestPart("file") MultipartFile file) throws IOException {
        ModelView view = models.importFile(file.getBytes());
        return ResponseEntity.created(URI.create("/api/v1/models/" + view.id())).body(view);
    }

    @GetMapping("/{id}/metrics")
    @Operation(summary = "Per-epoch training history: train and validation loss and every loss term")
    ModelMetricsView metrics(@PathVariable UUID id) {
        return models.metrics(id);
    }
}
