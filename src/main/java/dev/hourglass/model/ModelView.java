package dev.hourglass.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/** What a client sees of a model (DESIGN.md §3); {@code spec} is the defaulted training spec that produced it. */
public record ModelView(UUID id, String name,
        @Schema(nullable = true, description = "absent for an imported model") UUID jobId,
        @Schema(nullable = true, description = "absent for an imported model") UUID datasetId,
        String variant,
        @Schema(implementation = java.util.Map.class, description = "The defaulted training spec that produced the model (its TrainingSpec), "
                + "or the spec an imported file carries") JsonNode spec,
        int inputDim, int codeDim, long parameterCount, Map<String, Object> metrics,
        @Schema(description = "SHA-256 of every parameter as little-endian float32, in the model file's order: "
                + "equal hashes mean bit-identical weights") String weightsSha256,
        @Schema(nullable = true, description = "absent for a model without anomaly calibration (one trained before "
                + "it existed, or that did not complete an epoch)") AnomalyView anomaly,
        @Schema(nullable = true, description = "a model trained on a typed table: its columns in order, each with its "
                + "type and (categorical) levels; rows sent to it name these columns. Absent for plain numbers, "
                + "whose inputDim columns are the training dataset's features") List<TableColumns.ColumnView> columns,
        @Schema(nullable = true, description = "a MULTIMODAL model: its modalities in order, each with its columns as "
                + "the network reads them (its inputs are these columns one after another). Absent otherwise")
        List<ModalityView> modalities,
        Instant createdAt) {
}
