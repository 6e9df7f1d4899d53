package dev.hourglass.dataset;

import static dev.hourglass.support.ProblemJson.firstErrorField;
import static dev.hourglass.support.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.hourglass.dataset.internal.CsvRowsWriter;
import dev.hourglass.dataset.internal.FeatureRows;
import dev.hourglass.dataset.internal.JsonRowsWriter;
import dev.hourglass.dataset.internal.RowsWindow;
import dev.hourglass.dataset.internal.RowsWriter;
import dev.hourglass.dataset.internal.StoredLabels;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The /api/v1/datasets controller alone, its service mocked (DatasetControllerTests is the full-boot
 * contract with a real database). Parsing and paging limits live in {@link Datasets}; here they are
 * service refusals whose mapping to problem+json is checked.
 */
@WebMvcTest(DatasetController.class)
class DatasetControllerSliceTests {

    private static final UUID DATASET = UUID.fromString("0b7c6f1e-3f43-4c1e-9a57-4a8f0f0f2a11");
    private static final UUID UNKNOWN = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final String XOR = "{\"name\": \"xor\", \"rows\": [[0, 0], [0, 1], [1, 0], [1, 1]]}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Datasets datasets;

    private static DatasetView xor(UUID id) {
        return new DatasetView(id, "xor", "json", 4, 2, List.of("col0", "col1"), null,
                List.of(new ColumnStats("col0", 0, 1, 0.5, 0.5), new ColumnStats("col1", 0, 1, 0.5, 0.5)),
                "5f".repeat(32), 58, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void jsonRowsAreCreatedWithTheirLocationAndTheServiceReadsTheBodyAsSent() throws Exception {
        given(datasets.create(any())).willAnswer(call -> {
            assertThat(new String(call.getArgument(0, InputStream.class).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(XOR);
            return xor(DATASET);
        });

        mvc.perform(post("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content(XOR))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/datasets/" + DATASET))
                .andExpect(jsonPath("$.id").value(DATASET.toString()))
                .andExpect(jsonPath("$.columns").value(2))
                .andExpect(jsonPath("$.stats[1].mean").value(0.5));
    }

    @Test
    void anUploadedFileIsCreatedWithItsLocation() throws Exception {
        given(datasets.upload(any(), eq("xor.csv"), eq("xor"), isNull(), eq("label"), isNull(), isNull()))
                .willReturn(xor(DATASET));

        mvc.perform(multipart("/api/v1/datasets")
                        .file(new MockMultipartFile("file", "xor.csv", "text/csv", "a,b,label\n0,1,1\n".getBytes()))
                        .param("name", "xor").param("labelColumn", "label"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/datasets/" + DATASET));
    }

    @Test
    void anEmptyLabelsPartWithoutAFileNameIsNoLabels() throws Exception {
        given(datasets.upload(any(), eq("x.idx"), isNull(), isNull(), isNull(), isNull(), isNull()))
                .willReturn(xor(DATASET));

        mvc.perform(multipart("/api/v1/datasets")
                        .file(new MockMultipartFile("file", "x.idx", "application/octet-stream", new byte[] {0, 0, 8, 2}))
                        .file(new MockMultipartFile("labels", "", "application/octet-stream", new byte[0])))
                .andExpect(status().isCreated());
    }

    @Test
    void anUploadWithoutAFilePartIsAMissingParameter() throws Exception {
        mvc.perform(multipart("/api/v1/datasets").param("name", "xor"))
                .andExpect(problem(400, "missing-parameter"));
        verifyNoInteractions(datasets);
    }

    @Test
    void aBodyThatIsNeitherJsonNorMultipartIsAnUnsupportedMediaType() throws Exception {
        mvc.perform(post("/api/v1/datasets").contentType(MediaType.TEXT_PLAIN).content("a,b\n1,2\n"))
                .andExpect(problem(415, "unsupported-media-type"));
        verifyNoInteractions(datasets);
    }

    @Test
    void anUnparseableDatasetIsInvalidNamingRowAndColumn() throws Exception {
        given(datasets.create(any())).willThrow(ApiException.invalid("invalid-dataset",
                "The dataset is invalid: row 3, column \"b\": \"abc\" is not a number",
                List.of(new FieldProblem("row 3, column \"b\"", "\"abc\" is not a number"))));

        mvc.perform(post("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content(XOR))
                .andExpect(problem(422, "invalid-dataset"))
                .andExpect(firstErrorField("row 3, column \"b\""));
    }

    @Test
    void anUnknownFormatIsUnsupportedNamingTheField() throws Exception {
        given(datasets.upload(any(), any(), any(), eq("xlsx"), any(), any(), any())).willThrow(
                ApiException.invalid("unsupported-format", "format", "\"xlsx\" is not one of csv, json, idx"));

        mvc.perform(multipart("/api/v1/datasets")
                        .file(new MockMultipartFile("file", "x.xlsx", "application/octet-stream", new byte[] {1}))
                        .param("format", "xlsx"))
                .andExpect(problem(422, "unsupported-format"))
                .andExpect(firstErrorField("format"));
    }

    @Test
    void aDatasetOverALimitIsContentTooLarge() throws Exception {
        given(datasets.create(any())).willThrow(ApiException.tooLarge("dataset-too-large",
                "The dataset has 1000001 rows or more; the limit hourglass.limits.max-rows is 1000000."));

        mvc.perform(post("/api/v1/datasets").contentType(MediaType.APPLICATION_JSON).content(XOR))
                .andExpect(problem(413, "dataset-too-large"));
    }

    @Test
    void pagingIsPassedToTheServiceAndItsRangeRefusalIsAnInvalidParameter() throws Exception {
        given(datasets.list(0, 101)).willThrow(new ApiException(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "Invalid parameter", "size: must be between 1 and 100",
                List.of(new FieldProblem("size", "must be between 1 and 100"))));

        mvc.perform(get("/api/v1/datasets").param("size", "101"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("size"));
        verify(datasets).list(0, 101);
    }

    @Test
    void pagingThatIsNotANumberIsAnInvalidParameter() throws Exception {
        mvc.perform(get("/api/v1/datasets").param("page", "first"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("page"));
        verifyNoInteractions(datasets);
    }

    @Test
    void aMalformedDatasetIdIsAnInvalidParameter() throws Exception {
        mvc.perform(get("/api/v1/datasets/xor"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("id"));
        mvc.perform(delete("/api/v1/datasets/xor"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("id"));
        verifyNoInteractions(datasets);
    }

    @Test
    void anUnknownDatasetIsNotFound() throws Exception {
        given(datasets.get(DATASET)).willThrow(ApiException.notFound("dataset", DATASET));

        mvc.perform(get("/api/v1/datasets/" + DATASET)).andExpect(problem(404, "not-found"));
    }

    /** Rows 5.1, 1.4 and 6.3, 6 of "iris", labelled setosa and virginica, read from an in-memory blob. */
    private static DatasetRows irisRows(RowsWriter writer) {
        ByteBuffer features = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(5.1f).putFloat(1.4f).putFloat(6.3f).putFloat(6f);
        byte[] labels = "[\"setosa\",\"virginica\"]".getBytes(StandardCharsets.UTF_8);
        return new DatasetRows(writer, new RowsWindow("iris", List.of("sepal", "petal"), "species",
                new FeatureRows((from, length) -> Arrays.copyOfRange(features.array(), (int) from, (int) from + length),
                        2, 0, 2, 1 << 20),
                new StoredLabels((from, length) -> Arrays.copyOfRange(labels, (int) from,
                        (int) Math.min(from + length, labels.length)), 0, 1 << 20)));
    }

    @Test
    void rowsAreWrittenAsCsvByDefaultFromEveryRow() throws Exception {
        given(datasets.rows(DATASET, "csv", 0, null)).willReturn(irisRows(new CsvRowsWriter()));

        mvc.perform(get("/api/v1/datasets/" + DATASET + "/rows"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andExpect(content().string("sepal,petal,species\r\n5.1,1.4,setosa\r\n6.3,6,virginica\r\n"));
    }

    @Test
    void rowsPassFormatOffsetAndLimitToTheService() throws Exception {
        given(datasets.rows(DATASET, "json", 1, 1L)).willReturn(irisRows(new JsonRowsWriter()));

        mvc.perform(get("/api/v1/datasets/" + DATASET + "/rows").param("format", "json").param("offset", "1").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.rows[1][1]").value(6))
                .andExpect(jsonPath("$.labels[0]").value("setosa"));
    }

    @Test
    void rowsRefusalsOfTheServiceAreProblemsAndNonNumericPagingNeverReachesIt() throws Exception {
        given(datasets.rows(DATASET, "xml", 0, null)).willThrow(new ApiException(HttpStatus.BAD_REQUEST,
                "invalid-parameter", "Invalid parameter", "format: \"xml\" is not one of csv, json",
                List.of(new FieldProblem("format", "\"xml\" is not one of csv, json"))));
        given(datasets.rows(UNKNOWN, "csv", 0, null)).willThrow(ApiException.notFound("dataset", UNKNOWN));

        mvc.perform(get("/api/v1/datasets/" + DATASET + "/rows").param("format", "xml"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("format"));
        mvc.perform(get("/api/v1/datasets/" + UNKNOWN + "/rows")).andExpect(problem(404, "not-found"));
        mvc.perform(get("/api/v1/datasets/" + DATASET + "/rows").param("limit", "ten"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("limit"));
        verify(datasets, never()).rows(eq(DATASET), eq("csv"), anyLong(), any());
    }

    @Test
    void aDeletedDatasetIsNoContent() throws Exception {
        mvc.perform(delete("/api/v1/datasets/" + DATASET))
                .andExpect(status().isNoContent())
                .andExpect(content().string(""));
        verify(datasets).delete(DATASET);
    }

    @Test
    void deletingADatasetAJobStillUsesIsAConflict() throws Exception {
        willThrow(ApiException.conflict("dataset-in-use", "Dataset is used by a queued or running job"))
                .given(datasets).delete(DATASET);

        mvc.perform(delete("/api/v1/datasets/" + DATASET)).andExpect(problem(409, "dataset-in-use"));
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() throws Exception {
        mvc.perform(put("/api/v1/datasets/" + DATASET).contentType(MediaType.APPLICATION_JSON).content(XOR))
                .andExpect(problem(405, "method-not-allowed"));
        verifyNoInteractions(datasets);
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithoutItsStackTrace() throws Exception {
        given(datasets.get(DATASET)).willThrow(new IllegalStateException("secret: dataset has no data row"));

        mvc.perform(get("/api/v1/datasets/" + DATASET))
                .andExpect(problem(500, "internal"))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }
}
