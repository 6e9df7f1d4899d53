package dev.hourglass.model;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    @GetMapping("/{id}/metrics")
    @Operation(summary = "Per-epoch training history: train and validation loss and every loss term")
    ModelMetricsView metrics(@PathVariable UUID id) {
        return models.metrics(id);
    }
}
