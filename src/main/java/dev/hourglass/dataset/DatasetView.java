package dev.hourglass.dataset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored dataset as the API shows it (everything but the data itself). */
@Schema(description = "A stored dataset: shape, feature names, per-column statistics and the upload's SHA-256.")
public record DatasetView(
        UUID id,
        String name,
        @Schema(description = "Format it was uploaded in, or transform: computed from another dataset by a model",
                allowableValues = {"csv", "json", "idx", "transform"}) String format,
        @Schema(description = "Number of rows", example = "2000") int rows,
        @Schema(description = "Number of feature columns (the label column, if any, is not one)", example = "784") int columns,
        @Schema(description = "Feature names in column order") List<String> featureNames,
        @Schema(description = "CSV column kept apart as labels, if one was named", nullable = true) String labelColumn,
        @Schema(description = "Per feature column: type and missing cells; min, max, mean and population standard "
                + "deviation (numeric) or levels with counts (categorical)") List<ColumnStats> stats,
        @Schema(description = "SHA-256 of the uploaded bytes (as sent, before any gunzip)") String sha256,
        @Schema(description = "Size of the upload in bytes") long sizeBytes,
        Instant createdAt) {
}
