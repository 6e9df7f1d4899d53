package dev.hourglass.dataset;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The multipart form of {@code POST /api/v1/datasets}, for OpenAPI only: the controller takes the parts as
 * parameters, and the file as a stream.
 */
@Schema(description = "A dataset file and how to read it.")
record UploadDatasetForm(
        @Schema(description = "The data file: .csv (header row required), .json, .idx or MNIST's *-ubyte; any may be gzipped",
                type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
        String file,
        @Schema(description = "Name of the dataset; default the file name", example = "fashion-mnist-2000", maxLength = 200)
        String name,
        @Schema(description = "File format; default inferred from the file name (.csv, .json, .idx/.gz/-ubyte)",
                allowableValues = {"csv", "json", "idx"})
        String format,
        @Schema(description = "CSV only: a column kept apart from the features and stored as labels", example = "label")
        String labelColumn,
        @Schema(description = "CSV only: column types as a JSON object {column: NUMERIC | CATEGORICAL | IGNORE}; "
                + "columns it does not name are inferred (any text cell: CATEGORICAL); IGNORE leaves a column out",
                example = "{\"zip\": \"CATEGORICAL\", \"id\": \"IGNORE\"}")
        String schema,
        @Schema(description = "IDX only: the rows' labels, an IDX1 file of one unsigned byte per row (MNIST's "
                + "*-labels-idx1-ubyte, magic 0x00000801), optionally gzipped; stored as labels \"0\"…\"255\" of the "
                + "label column \"label\" (the dataset's sha256 and sizeBytes stay those of file). Another count than "
                + "the file's rows, or a file that is not IDX1 of unsigned bytes, is a 422 naming labels",
                type = "string", format = "binary")
        String labels) {
}
