package dev.hourglass.dataset;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A stored dataset as the list shows it: its shape and identity without feature names or column statistics, which
 * grow with its columns (a page of 100 wide datasets would carry every name and stat of each); GET /datasets/{id}
 * has them.
 */
@Schema(description = "A stored dataset in a list: shape, label column and the upload's SHA-256; feature names and "
        + "statistics are on GET /api/v1/datasets/{id}.")
public record DatasetSummary(
        UUID id,
        String name,
        @Schema(description = "Format it was uploaded in, or transform: computed from another dataset by a model",
                allowableValues = {"csv", "json", "idx", "transform"}) String format,
        @Schema(description = "Number of rows", example = "2000") int rows,
        @Schema(description = "Number of feature columns (the label column, if any, is not one)", example = "784") int columns,
        @Schema(description = "CSV column kept apart as labels, if one was named", nullable = true) String labelColumn,
        @Schema(description = "SHA-256 of the uploaded bytes (as sent, before any gunzip)") String sha256,
        @Schema(description = "Size of the upload in bytes") long sizeBytes,
        Instant createdAt) {
}
