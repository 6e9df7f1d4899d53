package dev.hourglass.inference;

import static dev.hourglass.support.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.hourglass.dataset.ColumnStats;
import dev.hourglass.dataset.ColumnType;
import dev.hourglass.dataset.DatasetDeleted;
import dev.hourglass.dataset.DatasetMatrix;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.support.PlainModel;
import dev.hourglass.support.TwoViewModel;
import dev.hourglass.system.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Multimodal inference (DESIGN §8.4) on {@link TwoViewModel} (modalities left, 12 columns, and right, 8), with the
 * real services over a mocked model cache and dataset module: encode and reconstruct from any subset of the
 * modalities, nearest over a dataset's codes (cached, dropped when the dataset is deleted), and every refusal.
 */
@WebMvcTest(controllers = {InferenceController.class, NearestController.class})
@Import({Inference.class, Nearest.class, DatasetCodes.class})
class MultimodalInferenceTests {

    private static final UUID PLAIN = UUID.fromString("5d1f0b7e-2a44-4c1b-9e0a-7b2c3d4e5f60");
    private static final UUID DATASET = UUID.fromString("0b6c2d1e-8f3a-4b5c-9d6e-7f8a9b0c1d2e");
    private static final String BASE = "/api/v1/models/" + TwoViewModel.ID;
    private static final int N = 100;
    private static final int WIDTH = TwoViewModel.LEFT + TwoViewModel.RIGHT;
    /** Rows the model never saw: both views, left's columns then right's. */
    private static final float[] ROWS = TwoViewModel.rows(N, 99);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    DatasetCodes codes;

    @MockitoBean
    ModelCache cache;

    @MockitoBean
    Datasets datasets;

    @BeforeEach
    void models() {
        given(cache.get(TwoViewModel.ID)).willReturn(TwoViewModel.get());
        given(cache.get(PLAIN)).willReturn(PlainModel.of(PLAIN));
    }

    private ResultActions call(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** Columns [from, to) of the first {@code rows} rows of {@link #ROWS}, as JSON rows. */
    private static String rows(int rows, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            out.add(Arrays.toString(Arrays.copyOfRange(ROWS, r * WIDTH + from, r * WIDTH + to)));
        }
        return out.toString();
    }

    private static String left(int rows) {
        return rows(rows, 0, TwoViewModel.LEFT);
    }

    private static String right(int rows) {
        return rows(rows, TwoViewModel.LEFT, WIDTH);
    }

    @Test
    void encodingOneModalityEqualsEncodingWholeRowsWithTheOtherAtItsNormalizedZero() throws Exception {
        // MINMAX maps x to (x − a)·b, so a raw value a is 0 in the normalized space, where training zeroes a modality
        float[] a = TwoViewModel.get().normalizer().a();
        List<String> whole = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            float[] row = Arrays.copyOfRange(ROWS, r * WIDTH, (r + 1) * WIDTH);
            System.arraycopy(a, TwoViewModel.LEFT, row, TwoViewModel.LEFT, TwoViewModel.RIGHT);
            whole.add(Arrays.toString(row));
        }
        JsonNode alone = body(call(BASE + "/encode", "{\"modalities\": {\"left\": " + left(5) + "}}")).get("codes");
        JsonNode zeroed = body(call(BASE + "/encode", "{\"instances\": " + whole + "}")).get("codes");

        assertThat(alone.size()).isEqualTo(5);
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 4; c++) {
                assertThat(alone.get(r).get(c).doubleValue()).isCloseTo(zeroed.get(r).get(c).doubleValue(), within(1e-6));
            }
        }
    }

    @Test
    void encodingEveryModalityEqualsEncodingTheWholeRows() throws Exception {
        JsonNode both = body(call(BASE + "/encode", "{\"modalities\": {\"right\": " + right(3) + ", \"left\": "
                + left(3) + "}}")).get("codes");
        JsonNode whole = body(call(BASE + "/encode", "{\"instances\": " + rows(3, 0, WIDTH) + "}")).get("codes");

        assertThat(both).isEqualTo(whole);
    }

    @Test
    void reconstructingFromOneModalityAnswersEveryModalityInTheCallersUnits() throws Exception {
        JsonNode answer = body(call(BASE + "/reconstruct", "{\"modalities\": {\"left\": " + left(N) + "}}"));

        assertThat(answer.get("reconstructions").propertyNames()).containsExactly("left", "right");
        assertThat(answer.get("reconstructions").get("left")).hasSize(N);
        assertThat(answer.get("reconstructions").get("left").get(0)).hasSize(TwoViewModel.LEFT);
        assertThat(answer.get("reconstructions").get("right").get(0)).hasSize(TwoViewModel.RIGHT);
        assertThat(answer.get("modalityErrors").propertyNames()).containsExactly("left");
        assertThat(answer.get("errors")).hasSize(N);
        assertThat(answer.get("errors").get(0).doubleValue())
                .isEqualTo(answer.get("modalityErrors").get("left").get(0).doubleValue());
        // right from left alone, in the caller's units, against right's own column means: the shared space carries it
        double crossModal = 0;
        double baseline = 0;
        JsonNode right = answer.get("reconstructions").get("right");
        for (int c = 0; c < TwoViewModel.RIGHT; c++) {
            double mean = 0;
            for (int r = 0; r < N; r++) {
                mean += ROWS[r * WIDTH + TwoViewModel.LEFT + c] / (double) N;
            }
            for (int r = 0; r < N; r++) {
                double truth = ROWS[r * WIDTH + TwoViewModel.LEFT + c];
                crossModal += Math.pow(right.get(r).get(c).doubleValue() - truth, 2);
                baseline += Math.pow(mean - truth, 2);
            }
        }
        assertThat(crossModal).isLessThan(baseline / 4);
    }

    @Test
    void wholeRowsStillReconstructAsRows() throws Exception {
        call(BASE + "/reconstruct", "{\"instances\": " + rows(2, 0, WIDTH) + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reconstructions[1].length()").value(WIDTH))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.modalityErrors").doesNotExist());
    }

    @Test
    void badModalitiesAreRefusedNamingTheField() throws Exception {
        for (String path : List.of("/encode", "/reconstruct")) {
            call(BASE + path, "{\"modalities\": {\"middle\": " + left(1) + "}}")
                    .andExpect(problem(422, "invalid-modalities"))
                    .andExpect(jsonPath("$.errors[0].field").value("modalities.middle"))
                    .andExpect(jsonPath("$.errors[0].reason").value(containsString("left, right")));
            call(BASE + path, "{\"modalities\": {\"left\": " + right(1) + "}}")
                    .andExpect(problem(422, "invalid-rows"))
                    .andExpect(jsonPath("$.errors[0].field").value("modalities.left[0]"));
            call(BASE + path, "{\"modalities\": {}}")
                    .andExpect(problem(422, "invalid-modalities"))
                    .andExpect(jsonPath("$.errors[0].field").value("modalities"));
            call(BASE + path, "{\"modalities\": [[1, 2]]}")
                    .andExpect(problem(422, "invalid-modalities"))
                    .andExpect(jsonPath("$.errors[0].field").value("modalities"));
            call(BASE + path, "{\"modalities\": {\"left\": " + left(2) + ", \"right\": " + right(3) + "}}")
                    .andExpect(problem(422, "invalid-modalities"))
                    .andExpect(jsonPath("$.errors[0].field").value("modalities.right"));
            call(BASE + path, "{\"instances\": " + rows(1, 0, WIDTH) + ", \"modalities\": {\"left\": " + left(1) + "}}")
                    .andExpect(problem(422, "invalid-modalities"))
                    .andExpect(jsonPath("$.errors[0].field").value("instances"));
            call(BASE + path, "{\"modalities\": {\"left\": [[1, \"x\", 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]}}")
                    .andExpect(problem(422, "invalid-rows"))
                    .andExpect(jsonPath("$.errors[0].field").value("modalities.left[0][1]"));
            call("/api/v1/models/" + PLAIN + path, "{\"modalities\": {\"left\": [[1, 2, 3]]}}")
                    .andExpect(problem(422, "not-multimodal"))
                    .andExpect(jsonPath("$.errors[0].field").value("modalities"));
        }
        call(BASE + "/encode", "{\"modalities\": {\"left\": " + left(1) + "}, \"includeVariance\": true}")
                .andExpect(problem(422, "not-variational"))
                .andExpect(jsonPath("$.errors[0].field").value("includeVariance"));
    }

    /** A stored dataset holding both views of {@link #ROWS}, its columns in another order than the model's. */
    private void storedDataset() {
        List<String> names = new ArrayList<>(TwoViewModel.columns().subList(TwoViewModel.LEFT, WIDTH));
        names.addAll(TwoViewModel.columns().subList(0, TwoViewModel.LEFT));
        float[] features = new float[N * WIDTH];
        for (int r = 0; r < N; r++) {
            System.arraycopy(ROWS, r * WIDTH + TwoViewModel.LEFT, features, r * WIDTH, TwoViewModel.RIGHT);
            System.arraycopy(ROWS, r * WIDTH, features, r * WIDTH + TwoViewModel.RIGHT, TwoViewModel.LEFT);
        }
        given(datasets.get(DATASET)).willReturn(view(names, N));
        given(datasets.load(DATASET)).willReturn(new DatasetMatrix(DATASET, N, WIDTH, features, names));
    }

    private static DatasetView view(List<String> names, int rows) {
        return new DatasetView(DATASET, "two-views", "csv", rows, names.size(), names, null,
                names.stream().map(n -> new ColumnStats(n, 0, 1, 0.5, 0.1)).toList(), "0", 0, Instant.EPOCH);
    }

    private String nearest(String from, String rows, String to, Integer k) {
        return "{\"from\": \"" + from + "\", \"rows\": " + rows + ", \"to\": \"" + to + "\", \"datasetId\": \""
                + DATASET + "\"" + (k == null ? "" : ", \"k\": " + k) + "}";
    }

    @Test
    void nearestFindsMostRowsByTheirOtherModalityAndComputesTheDatasetsCodesOnce() throws Exception {
        storedDataset();
        JsonNode found = body(call(BASE + "/nearest", nearest("left", left(N), "right", null))).get("neighbours");
        JsonNode again = body(call(BASE + "/nearest", nearest("left", left(N), "right", null))).get("neighbours");

        int first = 0;
        int amongTen = 0;
        for (int q = 0; q < N; q++) {
            JsonNode list = found.get(q);
            assertThat(list).hasSize(10);
            first += list.get(0).get("row").intValue() == q ? 1 : 0;
            for (int i = 0; i < 10; i++) {
                amongTen += list.get(i).get("row").intValue() == q ? 1 : 0;
                if (i > 0) {
                    assertThat(list.get(i).get("distance").doubleValue())
                            .isGreaterThanOrEqualTo(list.get(i - 1).get("distance").doubleValue());
                }
            }
        }
        assertThat(first).as("queries whose own row is nearest").isGreaterThanOrEqualTo(70);
        assertThat(amongTen).isGreaterThanOrEqualTo(95);
        assertThat(again).isEqualTo(found);
        verify(datasets, times(1)).load(DATASET);

        body(call(BASE + "/nearest", nearest("right", right(3), "left", 3)));
        verify(datasets, times(2)).load(DATASET);   // another modality's codes: another entry

        codes.on(new DatasetDeleted(DATASET));
        body(call(BASE + "/nearest", nearest("left", left(2), "right", 1)));
        verify(datasets, times(3)).load(DATASET);
    }

    @Test
    void kBeyondTheDatasetAnswersEveryRow() throws Exception {
        storedDataset();
        call(BASE + "/nearest", nearest("left", left(1), "right", 1000))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.neighbours[0].length()").value(N));
    }

    @Test
    void badNearestRequestsAreRefusedNamingTheField() throws Exception {
        storedDataset();
        call(BASE + "/nearest", nearest("middle", left(1), "right", null))
                .andExpect(problem(422, "invalid-modalities")).andExpect(jsonPath("$.errors[0].field").value("from"));
        call(BASE + "/nearest", nearest("left", left(1), "middle", null))
                .andExpect(problem(422, "invalid-modalities")).andExpect(jsonPath("$.errors[0].field").value("to"));
        call(BASE + "/nearest", "{\"rows\": " + left(1) + ", \"to\": \"right\", \"datasetId\": \"" + DATASET + "\"}")
                .andExpect(problem(422, "invalid-modalities")).andExpect(jsonPath("$.errors[0].field").value("from"));
        call(BASE + "/nearest", nearest("left", left(1), "left", null))
                .andExpect(problem(422, "invalid-modalities")).andExpect(jsonPath("$.errors[0].field").value("to"));
        call("/api/v1/models/" + PLAIN + "/nearest", nearest("left", left(1), "right", null))
                .andExpect(problem(422, "not-multimodal")).andExpect(jsonPath("$.errors[0].field").value("from"));
        for (int k : new int[] {0, 1001}) {
            call(BASE + "/nearest", nearest("left", left(1), "right", k))
                    .andExpect(problem(422, "invalid-nearest-request"))
                    .andExpect(jsonPath("$.errors[0].field").value("k"));
        }
        call(BASE + "/nearest", "{\"from\": \"left\", \"rows\": " + left(1) + ", \"to\": \"right\"}")
                .andExpect(problem(422, "invalid-nearest-request"))
                .andExpect(jsonPath("$.errors[0].field").value("datasetId"));
        call(BASE + "/nearest", nearest("left", right(1), "right", null))
                .andExpect(problem(422, "invalid-rows")).andExpect(jsonPath("$.errors[0].field").value("rows[0]"));
        call(BASE + "/nearest", nearest("left", "[]", "right", null))
                .andExpect(problem(422, "invalid-rows")).andExpect(jsonPath("$.errors[0].field").value("rows"));
    }

    @Test
    void aDatasetWithoutTheModalitysColumnsAsNumbersIsRefusedNamingIt() throws Exception {
        List<String> leftOnly = TwoViewModel.columns().subList(0, TwoViewModel.LEFT);
        given(datasets.get(DATASET)).willReturn(view(leftOnly, N));
        call(BASE + "/nearest", nearest("left", left(1), "right", null))
                .andExpect(problem(422, "invalid-nearest-request"))
                .andExpect(jsonPath("$.errors[0].field").value("datasetId"))
                .andExpect(jsonPath("$.detail").value(containsString(DATASET + " has no column \"b0\"")));

        List<String> narrower = TwoViewModel.columns().subList(0, WIDTH - 1);   // right without b7
        given(datasets.get(DATASET)).willReturn(view(narrower, N));
        call(BASE + "/nearest", nearest("left", left(1), "right", null))
                .andExpect(problem(422, "invalid-nearest-request"))
                .andExpect(jsonPath("$.errors[0].field").value("datasetId"))
                .andExpect(jsonPath("$.detail").value(containsString("has no column \"b7\"")));

        List<ColumnStats> stats = new ArrayList<>(view(TwoViewModel.columns(), N).stats());
        stats.set(TwoViewModel.LEFT, new ColumnStats("b0", null, null, null, null, ColumnType.CATEGORICAL, 0, List.of()));
        given(datasets.get(DATASET)).willReturn(new DatasetView(DATASET, "typed", "csv", N, WIDTH,
                TwoViewModel.columns(), null, stats, "0", 0, Instant.EPOCH));
        call(BASE + "/nearest", nearest("left", left(1), "right", null))
                .andExpect(problem(422, "invalid-nearest-request"))
                .andExpect(jsonPath("$.detail").value(containsString("\"b0\" as categorical")));
    }

    @Test
    void anUnknownDatasetIsNotFound() throws Exception {
        given(datasets.get(DATASET)).willThrow(ApiException.notFound("dataset", DATASET));
        call(BASE + "/nearest", nearest("left", left(1), "right", null)).andExpect(problem(404, "not-found"));
    }
}
