package dev.hourglass.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** What a client sees of a model (DESIGN.md §3); {@code spec} is the defaulted training spec that produced it. */
public record ModelView(UUID id, String name, UUID jobId, UUID datasetId, String variant, JsonNode spec,
        int inputDim, int codeDim, long parameterCount, Map<String, Object> metrics, Instant createdAt) {
}
