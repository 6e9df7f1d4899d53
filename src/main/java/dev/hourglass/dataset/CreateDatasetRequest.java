package dev.hourglass.dataset;

import java.util.List;
import java.util.Map;

import dev.hourglass.dataset.internal.TableSchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The JSON body of {@code POST /api/v1/datasets}. It documents the shape for OpenAPI; the controller reads
 * the body as a token stream instead of binding it (a 60,000 × 784 matrix would be 47 million boxed numbers).
 */
@Schema(description = "A dataset as JSON: a name, optional column names and column types, the rows (arrays of "
        + "cells, all the same length: numbers, level strings or booleans, null for a missing cell) and optionally a "
        + "label column's name with one label per row.")
record CreateDatasetRequest(
        @Schema(description = "Name of the dataset", example = "xor", requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 200)
        String name,
        @Schema(description = "Feature names, one per value in a row, unique; default col0…colN-1",
                example = "[\"a\", \"b\"]")
        List<String> columns,
        @Schema(description = "Column types by name; columns it does not name are inferred (a column with a string "
                + "or boolean cell is CATEGORICAL); IGNORE leaves a column out",
                example = "{\"b\": \"CATEGORICAL\"}", nullable = true)
        Map<String, TableSchema.Type> schema,
        @Schema(description = "Rows of cells, all the same length: finite numbers, level strings or booleans; "
                + "null, \"\", \"NA\" and \"NaN\" are missing",
                example = "[[0, 0], [0, 1], [1, 0], [1, 1]]", requiredMode = Schema.RequiredMode.REQUIRED)
        List<List<Object>> rows,
        @Schema(description = "Name of the label column, given with `labels`; not one of `columns`",
                example = "species", maxLength = 200, nullable = true)
        String labelColumn,
        @Schema(description = "One label per row, kept apart from the features (as a CSV upload's `labelColumn`)",
                example = "[\"setosa\", \"virginica\", \"setosa\", \"versicolor\"]", nullable = true)
        List<String> labels) {
}
