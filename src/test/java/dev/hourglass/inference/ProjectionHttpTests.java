package dev.hourglass.inference;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.doReturn;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hourglass.engine.table.MixedTable;
import dev.hourglass.engine.table.Table;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.ModelView;
import dev.hourglass.model.Models;
import dev.hourglass.support.Api;
import dev.hourglass.support.PlainModel;
import dev.hourglass.support.TwoViewModel;
import dev.hourglass.support.TypedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /models/{id}/projection} over HTTP: a plain model's training dataset projected as an independent PCA
 * of its codes says, and a typed and a multimodal model's datasets as their {@code encode} answers say; every bad
 * request a 4xx. The models are served as loaded ones ({@link PlainModel}, {@link TypedModel}, {@link TwoViewModel},
 * the plain one with an uploaded dataset as its training dataset, the typed one as an imported model without one);
 * everything else is the real service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProjectionHttpTests {

    private static final UUID PLAIN = UUID.fromString("5b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d");
    private static final int ROWS = 50;

    @LocalServerPort
    int port;

    @MockitoSpyBean
    Models models;

    Api api;
    String plainDataset;

    private static ModelView view(UUID id, UUID datasetId, LoadedModel model) {
        return new ModelView(id, "fixture", null, datasetId, "BASIC", Api.JSON.readTree("{}"), model.inputDim(),
                model.codeDim(), model.autoencoder().parameterCount(), Map.of(), "ab".repeat(32), null, null, null,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private String upload(String json) {
        Api.Response uploaded = api.postJson("/api/v1/datasets", json);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().path("id").asString();
    }

    /** Row r of the plain dataset: (sin r, cos 2r · 2, r / 10), labelled "even" or "odd". */
    private static float[] plainRow(int r) {
        return new float[] {(float) Math.sin(r), (float) (2 * Math.cos(2 * r)), r / 10f};
    }

    @BeforeEach
    void models() {
        api = new Api(port);
        List<String> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            float[] row = plainRow(r);
            rows.add("[" + row[0] + ", " + row[1] + ", " + row[2] + "]");
            labels.add(r % 2 == 0 ? "\"even\"" : "\"odd\"");
        }
        plainDataset = upload("{\"name\": \"plain\", \"columns\": [\"a\", \"b\", \"c\"], \"rows\": " + rows
                + ", \"labelColumn\": \"parity\", \"labels\": " + labels + "}");
        LoadedModel plain = PlainModel.of(PLAIN);
        doReturn(plain).when(models).load(PLAIN);
        doReturn(view(PLAIN, UUID.fromString(plainDataset), plain)).when(models).get(PLAIN);
        doReturn(TypedModel.get()).when(models).load(TypedModel.ID);
        doReturn(view(TypedModel.ID, null, TypedModel.get())).when(models).get(TypedModel.ID);
        doReturn(TwoViewModel.get()).when(models).load(TwoViewModel.ID);
        doReturn(view(TwoViewModel.ID, null, TwoViewModel.get())).when(models).get(TwoViewModel.ID);
    }

    private Api.Response projection(UUID model, String query) {
        return api.get("/api/v1/models/" + model + "/projection" + query);
    }

    private JsonNode projected(UUID model, String query) {
        Api.Response answer = projection(model, query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static void assertRefused(Api.Response response, String field) {
        assertProblem(response, 422, "invalid-projection-request");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }

    @Test
    void aPlainModelsTrainingDatasetProjectsAsAPcaOfItsCodes() {
        JsonNode answer = projected(PLAIN, "?limit=7");

        assertThat(answer.path("datasetId").asString()).isEqualTo(plainDataset);
        // ⌊i · 50 / 7⌋ for i < 7
        assertThat(answer.path("rows").toString()).isEqualTo("[0,7,14,21,28,35,42]");
        assertThat(answer.path("labels").toString())
                .isEqualTo("[\"even\",\"odd\",\"even\",\"odd\",\"even\",\"odd\",\"even\"]");
        JsonNode points = answer.path("points");
        assertThat(points).hasSize(7);

        // The reference: the model's codes (2 wide; no normalization) of those rows, centered, and the closed-form
        // eigenvectors of their 2 × 2 covariance [[a, b], [b, c]]: λ = (a + c)/2 ± √(((a − c)/2)² + b²), the
        // eigenvector of λ (b, λ − a), each with its largest coefficient made positive.
        LoadedModel model = PlainModel.of(PLAIN);
        int[] rows = {0, 7, 14, 21, 28, 35, 42};
        float[] x = new float[rows.length * 3];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(plainRow(rows[i]), 0, x, i * 3, 3);
        }
        float[] codes = model.autoencoder().encode(x, rows.length);
        double[] mean = new double[2];
        for (int i = 0; i < rows.length; i++) {
            mean[0] += codes[i * 2] / (double) rows.length;
            mean[1] += codes[i * 2 + 1] / (double) rows.length;
        }
        double a = 0;
        double b = 0;
        double c = 0;
        for (int i = 0; i < rows.length; i++) {
            double u = codes[i * 2] - mean[0];
            double v = codes[i * 2 + 1] - mean[1];
            a += u * u / rows.length;
            b += u * v / rows.length;
            c += v * v / rows.length;
        }
        double root = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        double[] lambda = {(a + c) / 2 + root, (a + c) / 2 - root};
        for (int k = 0; k < 2; k++) {
            double[] e = {b, lambda[k] - a};
            double norm = Math.hypot(e[0], e[1]);
            e[0] /= norm;
            e[1] /= norm;
            double sign = Math.abs(e[0]) >= Math.abs(e[1]) ? Math.signum(e[0]) : Math.signum(e[1]);
            for (int i = 0; i < rows.length; i++) {
                double expected = sign * ((codes[i * 2] - mean[0]) * e[0] + (codes[i * 2 + 1] - mean[1]) * e[1]);
                assertThat(points.get(i).get(k).asDouble()).as("row %d, component %d", rows[i], k)
                        .isCloseTo(expected, within(1e-9));
            }
            assertThat(answer.path("explainedVariance").get(k).asDouble()).isCloseTo(lambda[k] / (a + c), within(1e-9));
        }
    }

    @Test
    void everyRowUpToTheLimitDefault2000() {
        JsonNode answer = projected(PLAIN, "");

        assertThat(answer.path("rows")).hasSize(ROWS);
        for (int r = 0; r < ROWS; r++) {
            assertThat(answer.path("rows").get(r).asInt()).isEqualTo(r);
        }
        assertThat(answer.path("points")).hasSize(ROWS);
        assertThat(answer.path("labels")).hasSize(ROWS);
        assertThat(projected(PLAIN, "?limit=2").path("rows").toString()).isEqualTo("[0,25]");
    }

    @Test
    void aDatasetWithoutLabelsHasNoLabels() {
        String unlabelled = upload("{\"name\": \"unlabelled\", \"columns\": [\"a\", \"b\", \"c\"], "
                + "\"rows\": [[1, 2, 3], [4, 5, 6], [7, 8, 10]]}");

        JsonNode answer = projected(PLAIN, "?datasetId=" + unlabelled);

        assertThat(answer.path("datasetId").asString()).isEqualTo(unlabelled);
        assertThat(answer.has("labels")).isFalse();
        assertThat(answer.path("points")).hasSize(3);
    }

    /** The projection of the dataset's codes as {@code encode} answers them for the rows sampled. */
    private static void assertProjectsTheseCodes(JsonNode answer, JsonNode encoded, int width) {
        JsonNode codes = encoded.path("codes");
        float[] flat = new float[codes.size() * width];
        for (int i = 0; i < codes.size(); i++) {
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = codes.get(i).get(j).floatValue();
            }
        }
        PrincipalPlane plane = PrincipalPlane.of(flat, codes.size(), width);
        for (int i = 0; i < codes.size(); i++) {
            assertThat(answer.path("points").get(i).get(0).asDouble()).isCloseTo(plane.points()[i][0], within(1e-9));
            assertThat(answer.path("points").get(i).get(1).asDouble()).isCloseTo(plane.points()[i][1], within(1e-9));
        }
        assertThat(answer.path("explainedVariance").get(0).asDouble())
                .isCloseTo(plane.explainedVariance()[0], within(1e-9));
    }

    @Test
    void aTypedModelProjectsItsTableAsEncodeReadsItsRows() {
        Table table = MixedTable.hide(MixedTable.synthetic(300, 31), 0.05, 4).table();
        Api.Response uploaded = api.upload("/api/v1/datasets", "mixed.csv", MixedTable.csv(table,
                MixedTable.SYNTHETIC_COLUMNS, MixedTable.syntheticLevels()).getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String dataset = uploaded.json().path("id").asString();

        assertRefused(projection(TypedModel.ID, ""), "datasetId");   // imported: no training dataset
        JsonNode answer = projected(TypedModel.ID, "?limit=100&datasetId=" + dataset);

        assertThat(answer.path("rows")).hasSize(100);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : answer.path("rows")) {
            assertThat(row.asInt()).isEqualTo(rows.size() * 3);   // ⌊i · 300 / 100⌋
            rows.add(MixedTable.json(table, row.asInt(), MixedTable.SYNTHETIC_COLUMNS, MixedTable.syntheticLevels()));
        }
        JsonNode encoded = api.postJson("/api/v1/models/" + TypedModel.ID + "/encode", "{\"instances\": " + rows + "}")
                .json();
        assertProjectsTheseCodes(answer, encoded, TypedModel.get().codeDim());
    }

    @Test
    void aMultimodalModelReadsItsColumnsByName() {
        // the right view's columns first, then an id, then the left view's: the model reads them by name
        int n = 60;
        int width = TwoViewModel.LEFT + TwoViewModel.RIGHT;
        float[] data = TwoViewModel.rows(n, 5);
        List<String> columns = new ArrayList<>(TwoViewModel.columns().subList(TwoViewModel.LEFT, width));
        columns.add("id");
        columns.addAll(TwoViewModel.columns().subList(0, TwoViewModel.LEFT));
        List<String> stored = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            float[] row = Arrays.copyOfRange(data, r * width, (r + 1) * width);
            String left = Arrays.toString(Arrays.copyOfRange(row, 0, TwoViewModel.LEFT));
            String right = Arrays.toString(Arrays.copyOfRange(row, TwoViewModel.LEFT, width));
            stored.add("[" + right.substring(1, right.length() - 1) + ", " + r + ", " + left.substring(1));
            instances.add(Arrays.toString(row));
        }
        String dataset = upload("{\"name\": \"views\", \"columns\": " + Api.JSON.writeValueAsString(columns)
                + ", \"rows\": " + stored + "}");

        JsonNode answer = projected(TwoViewModel.ID, "?datasetId=" + dataset);

        assertThat(answer.path("points")).hasSize(n);
        JsonNode encoded = api.postJson("/api/v1/models/" + TwoViewModel.ID + "/encode", "{\"instances\": "
                + instances + "}").json();
        assertProjectsTheseCodes(answer, encoded, TwoViewModel.get().codeDim());
    }

    @Test
    void aDatasetTheModelCannotReadIsRefusedNamingDatasetId() {
        String narrow = upload("{\"name\": \"narrow\", \"columns\": [\"a\", \"b\"], \"rows\": [[1, 2], [3, 4]]}");
        Api.Response refused = projection(PLAIN, "?datasetId=" + narrow);
        assertRefused(refused, "datasetId");
        assertThat(refused.json().path("detail").asString()).contains(narrow).contains("2 columns; the model takes 3");

        String typed = upload("{\"name\": \"typed\", \"columns\": [\"a\", \"b\", \"c\"], "
                + "\"rows\": [[1, \"x\", 3], [4, \"y\", null]]}");
        assertRefused(projection(PLAIN, "?datasetId=" + typed), "datasetId");

        String plainNumbers = upload("{\"name\": \"numbers\", \"columns\": " + Api.JSON.writeValueAsString(
                MixedTable.SYNTHETIC_COLUMNS) + ", \"rows\": [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]]}");
        assertRefused(projection(TypedModel.ID, "?datasetId=" + plainNumbers), "datasetId");

        String leftOnly = upload("{\"name\": \"left\", \"columns\": " + Api.JSON.writeValueAsString(
                TwoViewModel.columns().subList(0, TwoViewModel.LEFT)) + ", \"rows\": [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "
                + "11], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]]}");
        Api.Response noRight = projection(TwoViewModel.ID, "?datasetId=" + leftOnly);
        assertRefused(noRight, "datasetId");
        assertThat(noRight.json().path("detail").asString()).contains("no column 'b0'");
    }

    @Test
    void aLimitOutsideTwoToTenThousandIsRefusedNamingLimit() {
        for (String limit : new String[] {"1", "0", "-5", "10001"}) {
            assertRefused(projection(PLAIN, "?limit=" + limit), "limit");
        }
        assertThat(projected(PLAIN, "?limit=10000").path("rows")).hasSize(ROWS);
        assertProblem(projection(PLAIN, "?limit=all"), 400, "invalid-parameter");
        assertProblem(projection(PLAIN, "?datasetId=mine"), 400, "invalid-parameter");
    }

    @Test
    void anUnknownModelOrDatasetIsNotFound() {
        assertProblem(projection(UUID.fromString("00000000-0000-0000-0000-000000000009"), ""), 404, "not-found");
        assertProblem(projection(PLAIN, "?datasetId=00000000-0000-0000-0000-000000000009"), 404, "not-found");
        assertProblem(api.get("/api/v1/models/model-nine/projection"), 400, "invalid-parameter");
    }
}
