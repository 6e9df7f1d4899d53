package dev.hourglass.job;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.hourglass.engine.anomaly.TabularData;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A 60,000-row dataset goes through a model as transform jobs: every row of the new datasets is what
 * {@code score} and {@code encode} answer for that row, and the source's labels come along.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TransformHttpTests {

    private static final int ROWS = 60_000;
    private static final int BATCH = 10_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final float[] DATA = TabularData.rows(ROWS, 21);

    @LocalServerPort
    int port;

    Api api;
    static String dataset;
    static String model;
    static int setUpPort;

    @BeforeEach
    void trained() {
        api = new Api(port);
        if (setUpPort == port) {
            return;
        }
        StringBuilder csv = new StringBuilder("c0,c1,c2,c3,c4,c5,c6,c7,group\n");
        for (int r = 0; r < ROWS; r++) {
            csv.append(TabularData.text(DATA, r, -1, 0)).append(",g").append(r % 3).append('\n');
        }
        Api.Response uploaded = api.upload("/api/v1/datasets", "factors.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                "labelColumn", "group");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        dataset = uploaded.json().path("id").asString();
        Api.Response job = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [16, 3], "activation": "TANH", "outputActivation": "LINEAR",
                 "normalization": "ZSCORE", "training": {"epochs": 2, "batchSize": 256, "learningRate": 0.003}}
                """.formatted(dataset));
        model = "/api/v1/models/" + api.awaitSucceeded(job, TIMEOUT).path("modelId").asString();
        setUpPort = port;
    }

    private JsonNode transformed(String output) {
        JsonNode job = api.awaitSucceeded(api.postJson(model + "/transform",
                "{\"datasetId\": \"%s\", \"output\": \"%s\"}".formatted(dataset, output)), TIMEOUT);
        assertThat(job.path("kind").asString()).isEqualTo("TRANSFORM");
        assertThat(job.path("epochs").asInt()).as("chunks of 4,096 rows").isEqualTo(15);
        assertThat(job.path("epoch").asInt()).isEqualTo(15);
        assertThat(job.path("transform").path("output").asString()).isEqualTo(output);
        String result = job.path("resultDatasetId").asString();
        JsonNode view = api.get("/api/v1/datasets/" + result).json();
        assertThat(view.path("rows").asInt()).isEqualTo(ROWS);
        assertThat(view.path("format").asString()).isEqualTo("transform");
        assertThat(view.path("labelColumn").asString()).isEqualTo("group");
        Api.Response rows = api.get("/api/v1/datasets/" + result + "/rows?format=json");
        assertThat(rows.status()).as(rows.body().substring(0, Math.min(300, rows.body().length()))).isEqualTo(200);
        return rows.json();
    }

    @Test
    void everyRowOfTheScoresAndCodesIsWhatScoreAndEncodeAnswer() {
        JsonNode scores = transformed("SCORES");
        JsonNode codes = transformed("CODES");
        assertThat(scores.path("columns").toString()).isEqualTo("[\"score\",\"anomaly\",\"pValue\"]");
        assertThat(codes.path("columns").toString()).isEqualTo("[\"code0\",\"code1\",\"code2\"]");
        for (int from = 0; from < ROWS; from += BATCH) {
            JsonNode scored = api.postJson(model + "/score", "{\"instances\": " + TabularData.json(DATA, from, BATCH) + "}").json();
            JsonNode encoded = api.postJson(model + "/encode", "{\"instances\": " + TabularData.json(DATA, from, BATCH) + "}").json();
            double threshold = scored.path("threshold").asDouble();
            for (int i = 0; i < BATCH; i++) {
                int r = from + i;
                JsonNode t = scores.path("rows").get(r);
                double score = scored.path("scores").get(i).asDouble();
                assertThat((float) t.get(0).asDouble()).as("score of row %d", r).isEqualTo((float) score);
                assertThat(t.get(1).asDouble()).as("anomaly flag of row %d", r).isEqualTo(score > threshold ? 1.0 : 0.0);
                assertThat((float) t.get(2).asDouble()).isEqualTo((float) scored.path("pValues").get(i).asDouble());
                for (int c = 0; c < 3; c++) {
                    assertThat((float) codes.path("rows").get(r).get(c).asDouble()).as("code %d of row %d", c, r)
                            .isEqualTo((float) encoded.path("codes").get(i).get(c).asDouble());
                }
                assertThat(scores.path("labels").get(r).asString()).isEqualTo("g" + r % 3);
            }
        }
    }

    @Test
    void aTransformNeedsAModelADatasetOfItsInputsAndAnOutput() {
        Api.Response narrow = api.postJson("/api/v1/datasets", "{\"name\": \"narrow\", \"rows\": [[1, 2], [3, 4]]}");
        assertField(api.postJson(model + "/transform", "{\"datasetId\": \"%s\", \"output\": \"CODES\"}"
                .formatted(narrow.json().path("id").asString())), "datasetId");
        assertField(api.postJson(model + "/transform", "{\"datasetId\": \"%s\"}".formatted(dataset)), "output");
        assertField(api.postJson(model + "/transform", "{\"output\": \"CODES\"}"), "datasetId");
        assertProblem(api.postJson(model + "/transform", "{\"datasetId\": \"%s\", \"output\": \"PIXELS\"}"
                .formatted(dataset)), 422, "validation");
        assertProblem(api.postJson("/api/v1/models/00000000-0000-0000-0000-000000000009/transform",
                "{\"datasetId\": \"%s\", \"output\": \"CODES\"}".formatted(dataset)), 404, "not-found");
        assertProblem(api.postJson(model + "/transform",
                "{\"datasetId\": \"00000000-0000-0000-0000-000000000009\", \"output\": \"CODES\"}"), 404, "not-found");
    }

    private String eightColumns(String... names) {
        Api.Response uploaded = api.postJson("/api/v1/datasets", """
                {"name": "renamed", "columns": ["%s"], "rows": [[0,1,2,3,4,5,6,7], [7,6,5,4,3,2,1,0]]}
                """.formatted(String.join("\", \"", names)));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().path("id").asString();
    }

    @Test
    void theModelsColumnsInAnotherOrderAreRefusedAndOtherNamesWarned() {
        Api.Response swapped = api.postJson(model + "/transform", "{\"datasetId\": \"%s\", \"output\": \"CODES\"}"
                .formatted(eightColumns("c0", "c1", "c3", "c2", "c4", "c5", "c6", "c7")));
        assertField(swapped, "datasetId");
        assertThat(swapped.json().path("errors").get(0).path("reason").asString())
                .contains("another order (column 2 is 'c3' where the model has 'c2')");

        JsonNode renamed = api.awaitSucceeded(api.postJson(model + "/transform",
                "{\"datasetId\": \"%s\", \"output\": \"CODES\"}"
                        .formatted(eightColumns("a", "b", "c", "d", "e", "f", "g", "h"))), TIMEOUT);
        assertThat(renamed.path("warnings").get(0).asString())
                .isEqualTo("The dataset's column names are not the model's (column 0 is 'a' where the model has 'c0');"
                        + " its rows are read by position");
    }

    private static void assertField(Api.Response response, String field) {
        assertProblem(response, 422, "invalid-transform");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
    }
}
