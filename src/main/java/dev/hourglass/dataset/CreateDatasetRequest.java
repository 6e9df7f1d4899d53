package dev.hourglass.dataset;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The JSON body of {@code POST /api/v1/datasets}. It documents the shape for OpenAPI; the controller reads
 * the body as a token stream instead of binding it (a 60,000 × 784 matrix would be 47 million boxed numbers).
 */
@Schema(description = "A dataset as JSON: a name, optional column names, the rows (arrays of finite numbers, "
        + "all the same length) and optionally a label column's name with one label per row.")
record CreateDatasetRequest(
        @Schema(description = "Name of the dataset", example = "xor", requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 200)
        String name,
        @Schema(description = "Feature names, one per value in a row, unique; default col0…colN-1",
                example = "[\"a\", \"b\"]")
        List<String> columns,
        @Schema(description = "Rows of finite numbers, all the same length",
                example = "[[0, 0], [0, 1], [1, 0], [1, 1]]", requiredMode = Schema.RequiredMode.REQUIRED)
        List<List<Double>> rows,
        @Schema(description = "Name of the label column, given with `labels`; not one of `columns`",
                example = "species", maxLength = 200, nullable = true)
        String labelColumn,
        @Schema(description = "One label per row, kept apart from the features (as a CSV upload's `labelColumn`)",
                example = "[\"setosa\", \"virginica\", \"setosa\", \"versicolor\"]", nullable = true)
        List<String> labels) {
}
