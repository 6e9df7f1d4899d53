package dev.hourglass.job;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /models/{id}/transform} (DESIGN.md §8.3). */
@Schema(description = "Run a dataset through the model; the result is a new dataset (the source's label column carried over)")
public record TransformRequest(
        @Schema(description = "The dataset to transform: its columns are the model's inputs",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b") UUID datasetId,
        @Schema(description = "CODES, RECONSTRUCTIONS or SCORES", requiredMode = Schema.RequiredMode.REQUIRED,
                example = "SCORES") TransformOutput output,
        @Schema(description = "Name of the new dataset (default: the source's name and the output)", nullable = true,
                example = "fmnist-scores") String name) {
}
