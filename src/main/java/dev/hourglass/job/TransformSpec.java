package dev.hourglass.job;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a transform job runs: its model, its source dataset, its output, the new dataset's name, and
 * the rows per chunk (fixed at submit, so that every node resuming the job cuts the same chunks).
 */
@Schema(description = "A transform job's request, with the model it runs")
public record TransformSpec(UUID modelId, UUID datasetId, TransformOutput output, String name,
        @Schema(description = "Rows per chunk: the unit of progress and of a resume") int chunkRows) {

    /** Chunks of the source's {@code rows}. */
    int chunks(int rows) {
        return (rows + chunkRows - 1) / chunkRows;
    }
}
