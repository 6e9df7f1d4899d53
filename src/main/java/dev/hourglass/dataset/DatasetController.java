package dev.hourglass.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/datasets")
@Tag(name = "Datasets", description = "Upload, list, read and delete the datasets that jobs train on.")
class DatasetController {

    static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private static final String XOR_EXAMPLE = """
            {"name": "xor", "columns": ["a", "b"], "rows": [[0, 0], [0, 1], [1, 0], [1, 1]]}""";

    private static final String VIEW_EXAMPLE = """
            {"id": "0b7c6f1e-3f43-4c1e-9a57-4a8f0f0f2a11", "name": "xor", "format": "json", "rows": 4, "columns": 2,
             "featureNames": ["a", "b"], "labelColumn": null,
             "stats": [{"name": "a", "min": 0.0, "max": 1.0, "mean": 0.5, "std": 0.5, "type": "NUMERIC", "missing": 0},
                       {"name": "b", "min": 0.0, "max": 1.0, "mean": 0.5, "std": 0.5, "type": "NUMERIC", "missing": 0}],
             "sha256": "5f2b6f5a0e7d0c9c6b3f2e1d4c5b6a79808f7e6d5c4b3a291817161514131211", "sizeBytes": 58,
             "createdAt": "2026-11-27T10:30:00Z"}""";

    private static final String SUMMARY_EXAMPLE = """
            {"id": "0b7c6f1e-3f43-4c1e-9a57-4a8f0f0f2a11", "name": "xor", "format": "json", "rows": 4, "columns": 2,
             "labelColumn": null, "sha256": "5f2b6f5a0e7d0c9c6b3f2e1d4c5b6a79808f7e6d5c4b3a291817161514131211",
             "sizeBytes": 58, "createdAt": "2026-11-27T10:30:00Z"}""";

    private static final String INVALID_EXAMPLE = """
            {"type": "https://hourglass.dev/problems/invalid-dataset", "title": "Invalid request content", "status": 422,
             "detail": "The dataset is invalid: row 3, column \\"price\\": \\"abc\\" is not a number",
             "errors": [{"field": "row 3, column \\"price\\"", "reason": "\\"abc\\" is not a number"}]}""";

    private static final String TOO_LARGE_EXAMPLE = """
            {"type": "https://hourglass.dev/problems/dataset-too-large", "title": "Content too large", "status": 413,
             "detail": "The dataset has 1000001 rows or more; the limit hourglass.limits.max-rows is 1000000.",
             "errors": []}""";

    private static final String ROWS_CSV_EXAMPLE = """
            sepal,petal,species\r
            5.1,1.4,setosa\r
            6.3,6,virginica\r
            """;

    private static final String ROWS_JSON_EXAMPLE = """
            {"name": "iris.csv", "columns": ["sepal", "petal"], "labelColumn": "species",
             "rows": [[5.1, 1.4], [6.3, 6]], "labels": ["setosa", "virginica"]}""";

    private static final String ROWS_DESCRIPTION = """
            The rows `[offset, offset + limit)` (default: all of them), streamed as they are read from the database.

            **csv** (default): a header with the feature names and the label column last (if the dataset has one), \
            then one line per row (RFC 4180, CRLF). **json**: `{name, columns, labelColumn?, rows, labels?}`, the \
            body `POST /api/v1/datasets` takes, so either form uploads again as the same dataset (CSV with \
            `labelColumn`). Categorical cells are written as their level, missing cells empty (CSV) or `null` \
            (JSON); the JSON form of a typed table (a categorical column or a missing cell) has a `schema` member \
            with each column's type, so that it uploads back as the same dataset.

            Values are the stored float32s as Java's `Float.toString` writes them, whole numbers without `.0` \
            (`0.1`, `255`, `1.0E-5`, `-3.4028235E38`): text that reads back to exactly the same float32, also \
            through a double as Python's `float()` reads it. An offset past the end gives the header and no rows.""";

    private static final String HISTOGRAMS_DESCRIPTION = """
            One pass over the stored rows. A **numeric** column's observed cells fall in `bins` equal-width bins             between the column's observed minimum and maximum (its stats' `min` and `max`): bin i is             `[from, to)`, the last one `[from, to]`; a constant column has one bin with `from` = `to` holding every             observed cell. A **categorical** column has `levels`, each level's count in code order, as in its stats.             Missing cells are counted in `missing` and in no bin.""";

    private static final String HISTOGRAMS_EXAMPLE = """
            {"datasetId": "0b7c6f1e-3f43-4c1e-9a57-4a8f0f0f2a11", "rows": 150,
             "columns": [{"name": "petal_length", "type": "NUMERIC", "missing": 0,
                          "bins": [{"from": 1.0, "to": 2.9667, "count": 50}, {"from": 2.9667, "to": 4.9333, "count": 54},
                                   {"from": 4.9333, "to": 6.9, "count": 46}]},
                         {"name": "species", "type": "CATEGORICAL", "missing": 2,
                          "levels": [{"level": "setosa", "count": 50}, {"level": "versicolor", "count": 49},
                                     {"level": "virginica", "count": 49}]}]}""";

    private final Datasets datasets;

    DatasetController(Datasets datasets) {
        this.datasets = datasets;
    }

    /*
     * Both POST methods describe one OpenAPI operation: springdoc merges handlers that share path and method,
     * keeping one handler's request body. So both carry the same id, summary, description, responses and the
     * whole request body (both media types), whichever of them springdoc reads last.
     */
    private static final String CREATE_SUMMARY = "Create a dataset: upload a file (multipart) or send JSON rows";

    private static final String CREATE_DESCRIPTION = """
            **multipart/form-data**: `file` is a CSV (header row required), JSON (`{name?, columns?, schema?, rows, \
            labelColumn?, labels?}` or just the array of rows) or IDX file (MNIST's format: the first dimension is \
            the rows, the others are flattened into features `pixel0…`), any of them optionally gzipped; `format` \
            defaults to what the file name says; `labelColumn` (CSV) keeps a column apart from the features as \
            labels; `schema` (CSV) is a JSON object declaring column types; `labels` (IDX) is a second file, an IDX1 \
            file of one unsigned byte per row (MNIST's `*-labels-idx1-ubyte`, optionally gzipped), stored as the \
            rows' labels `"0"`…`"255"` under the label column `label` (another count, or a file that is not IDX1 \
            of unsigned bytes, is a 422 naming `labels`).

            **application/json**: `{name, columns?, schema?, rows, labelColumn?, labels?}`; `columns` default to \
            `col0…colN-1`; `labelColumn` and `labels` (one string per row) come together or not at all.

            **Typed tables**: a column is `NUMERIC` (finite numbers) or `CATEGORICAL` (text levels; JSON booleans \
            are two levels). A column with any text cell is inferred categorical; `schema` \
            (`{"column": "NUMERIC" | "CATEGORICAL" | "IGNORE"}`) overrides that, `IGNORE` leaving the column out. \
            Missing cells are allowed in both types: empty, `NA`, `NaN` (CSV cells are stripped first), JSON \
            `null` and the strings `""`, `"NA"`, `"NaN"`. Stats report each column's `type` and `missing` count; a \
            categorical column its `levels` with counts, in code order (sorted), and no moments. IDX is always \
            numeric.

            A 422 `invalid-dataset` names each offending row (1-based data row) and column: infinity or a number \
            beyond float32 (in any column not declared categorical), text in a column declared `NUMERIC`, a column \
            with every cell missing, more levels than `hourglass.limits.max-levels` (the answer suggests \
            `IGNORE`), a schema naming an unknown column (`schema.<column>`), or a ragged CSV line (named by its \
            line in the file). Values are stored as sent (IDX pixels stay 0..255); normalization belongs to the \
            training spec.""";

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @CreateDatasetOperation
    ResponseEntity<DatasetView> upload(
            @Parameter(hidden = true) @RequestPart("file") MultipartFile file,
            @Parameter(hidden = true) @RequestParam(name = "name", required = false) String name,
            @Parameter(hidden = true) @RequestParam(name = "format", required = false) String format,
            @Parameter(hidden = true) @RequestParam(name = "labelColumn", required = false) String labelColumn,
            @Parameter(hidden = true) @RequestParam(name = "schema", required = false) String schema,
            @Parameter(hidden = true) @RequestPart(name = "labels", required = false) MultipartFile labels)
            throws IOException {
        // A form's file input left empty still sends its part, with no file name and no bytes: no labels.
        boolean noLabels = labels == null || labels.isEmpty() && (labels.getOriginalFilename() == null
                || labels.getOriginalFilename().isEmpty());
        try (InputStream in = file.getInputStream(); InputStream labelsIn = noLabels ? null : labels.getInputStream()) {
            return created(datasets.upload(in, file.getOriginalFilename(), name, format, labelColumn, schema, labelsIn));
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @CreateDatasetOperation
    ResponseEntity<DatasetView> create(@Parameter(hidden = true) InputStream body) {
        return created(datasets.create(body));
    }

    @GetMapping
    @Operation(operationId = "listDatasets", summary = "List datasets, newest first",
            description = "Each item is the slim view: no featureNames or stats (GET /api/v1/datasets/{id} has them)")
    @ApiResponse(responseCode = "200", description = "One page of datasets", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DatasetPage.class),
            examples = @ExampleObject(value = "{\"items\": [" + SUMMARY_EXAMPLE + "], \"page\": 0, \"size\": 20, "
                    + "\"totalItems\": 1, \"totalPages\": 1}")))
    @ApiResponse(responseCode = "400", description = "`page` below 0 or `size` outside 1..100 (`invalid-parameter`)",
            content = @Content(mediaType = PROBLEM))
    DatasetPage list(
            @Parameter(description = "Page number, from 0; a page past the end is empty", example = "0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, 1 to 100", example = "20") @RequestParam(defaultValue = "20") int size) {
        return datasets.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getDataset", summary = "Read a dataset's description")
    @ApiResponse(responseCode = "200", description = "The dataset",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DatasetView.class),
                    examples = @ExampleObject(name = "stored", value = VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such dataset (`not-found`)",
            content = @Content(mediaType = PROBLEM))
    DatasetView get(@Parameter(description = "Dataset id", example = "0b7c6f1e-3f43-4c1e-9a57-4a8f0f0f2a11")
            @PathVariable UUID id) {
        return datasets.get(id);
    }

    /*
     * Written on the request's own thread, not as a StreamingResponseBody: an async response would be cut off by
     * the container's async timeout (Tomcat's default is 30 s) and would queue behind the task executor's few
     * threads, both wrong for a download that takes as long as the client takes to read it.
     */
    @GetMapping("/{id}/rows")
    @Operation(operationId = "getDatasetRows", summary = "Stream a dataset's rows back as CSV or JSON",
            description = ROWS_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The rows, with their labels if the dataset has a label column",
            content = {
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
                            examples = @ExampleObject(name = "iris", value = ROWS_CSV_EXAMPLE)),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = CreateDatasetRequest.class),
                            examples = @ExampleObject(name = "iris", value = ROWS_JSON_EXAMPLE))})
    @ApiResponse(responseCode = "400", description = "`offset` or `limit` below 0, or a `format` other than csv "
            + "and json (`invalid-parameter`)",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such dataset (`not-found`)",
            content = @Content(mediaType = PROBLEM))
    void rows(@Parameter(description = "Dataset id") @PathVariable UUID id,
            @Parameter(description = "csv or json", schema = @Schema(allowableValues = {"csv", "json"}, defaultValue = "csv"))
            @RequestParam(defaultValue = "csv") String format,
            @Parameter(description = "First row, from 0", example = "0") @RequestParam(defaultValue = "0") long offset,
            @Parameter(description = "Most rows to return, 0 or more; default: every row from `offset`")
            @RequestParam(required = false) Long limit,
            HttpServletResponse response) throws IOException {
        DatasetRows rows = datasets.rows(id, format, offset, limit);
        response.setContentType(rows.contentType());
        rows.writeTo(response.getOutputStream());
    }

    @GetMapping("/{id}/histograms")
    @Operation(operationId = "getDatasetHistograms", summary = "Each column's distribution: bins of a numeric "
            + "column's values, a categorical column's level counts", description = HISTOGRAMS_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "One entry per feature column, in column order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = DatasetHistograms.class),
                    examples = @ExampleObject(name = "iris, 3 bins", value = HISTOGRAMS_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "`bins` not an integer (`invalid-parameter`)",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such dataset (`not-found`)",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "422", description = "`bins` outside 1..100 (`invalid-histogram-request`, "
            + "errors[] names `bins`)",
            content = @Content(mediaType = PROBLEM))
    DatasetHistograms histograms(@Parameter(description = "Dataset id") @PathVariable UUID id,
            @Parameter(description = "Bins per numeric column, 1 to 100", example = "20")
            @RequestParam(defaultValue = "" + Datasets.DEFAULT_BINS) int bins) {
        return datasets.histograms(id, bins);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteDataset", summary = "Delete a dataset and its data")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such dataset (`not-found`)",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "A queued or running job uses it (`dataset-in-use`)",
            content = @Content(mediaType = PROBLEM))
    ResponseEntity<Void> delete(@Parameter(description = "Dataset id") @PathVariable UUID id) {
        datasets.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<DatasetView> created(DatasetView view) {
        return ResponseEntity.created(URI.create("/api/v1/datasets/" + view.id())).body(view);
    }

    /**
     * The one OpenAPI operation behind both upload handlers (multipart form and JSON rows): springdoc
     * merges them into {@code createDataset} with two request bodies.
     */
    @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @Operation(operationId = "createDataset", summary = CREATE_SUMMARY, description = CREATE_DESCRIPTION,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = UploadDatasetForm.class),
                            encoding = {@Encoding(name = "file", contentType = MediaType.APPLICATION_OCTET_STREAM_VALUE),
                                    @Encoding(name = "labels", contentType = MediaType.APPLICATION_OCTET_STREAM_VALUE)},
                            examples = {@ExampleObject(name = "csv with a label column", value = "{\"file\": "
                                    + "\"<customers.csv>\", \"name\": \"customers\", \"labelColumn\": \"churned\", "
                                    + "\"schema\": \"{\\\"zip\\\": \\\"CATEGORICAL\\\", \\\"id\\\": \\\"IGNORE\\\"}\"}"),
                                    @ExampleObject(name = "idx images with their labels", value = "{\"file\": "
                                            + "\"<train-images-idx3-ubyte.gz>\", \"labels\": "
                                            + "\"<train-labels-idx1-ubyte.gz>\", \"name\": \"fmnist\"}")}),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = CreateDatasetRequest.class),
                            examples = @ExampleObject(name = "xor", value = XOR_EXAMPLE))}))
    @ApiResponse(responseCode = "201", description = "Stored; `Location` is the new dataset",
            headers = @Header(name = "Location", description = "/api/v1/datasets/{id}", schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DatasetView.class),
                    examples = @ExampleObject(name = "stored", value = VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "No `file` part (`missing-parameter`) or malformed request",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "413", description = "Over a configured limit (`dataset-too-large`: rows, blank CSV "
            + "lines included, columns, cells, characters of a CSV cell, cells of a CSV line), over the upload size "
            + "limit or a gzip upload inflating beyond `hourglass.limits.max-inflated-bytes` (`upload-too-large`)",
            content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "too many rows", value = TOO_LARGE_EXAMPLE)))
    @ApiResponse(responseCode = "422", description = "Invalid content (`invalid-dataset`) or an unknown or "
            + "uninferable format (`unsupported-format`); `errors[]` names each offending field, row and column",
            content = @Content(mediaType = PROBLEM,
                    examples = @ExampleObject(name = "not a number", value = INVALID_EXAMPLE)))
    @interface CreateDatasetOperation {
    }
}
