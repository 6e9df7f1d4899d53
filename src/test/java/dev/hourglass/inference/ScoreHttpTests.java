package dev.hourglass.inference;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;

import dev.hourglass.engine.anomaly.TabularData;
import dev.hourglass.support.Api;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /models/{id}/score} over HTTP on a tabular data set whose 8 columns follow 3 latent
 * factors: the calibrated model view, attribution of a shifted column, p-values, overrides, the model
 * file carrying its calibration, and every refusal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ScoreHttpTests {

    private static final int ROWS = 3000;
    private static final float[] TRAIN = TabularData.rows(ROWS, 11);

    @LocalServerPort
    int port;

    Api api;
    static String model;
    static int modelPort;

    @BeforeEach
    void trained() {
        api = new Api(port);
        if (model != null && modelPort == port) {
            return;
        }
        Api.Response dataset = api.postJson("/api/v1/datasets", "{\"name\": \"factors\", \"columns\": "
                + "[\"c0\",\"c1\",\"c2\",\"c3\",\"c4\",\"c5\",\"c6\",\"c7\"], \"rows\": " + TabularData.json(TRAIN, 0, ROWS)
                + "}");
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        Api.Response job = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [16, 3], "activation": "TANH", "outputActivation": "LINEAR",
                 "normalization": "ZSCORE", "anomaly": {"contamination": 0.02},
                 "training": {"epochs": 30, "batchSize": 64, "learningRate": 0.003, "seed": 3}}
                """.formatted(dataset.json().path("id").asString()));
        model = "/api/v1/models/" + api.awaitSucceeded(job, Duration.ofMinutes(2)).path("modelId").asString();
        modelPort = port;
    }

    private Api.Response score(String body) {
        return api.postJson(model + "/score", body);
    }

    @Test
    void theModelViewShowsItsCalibration() {
        JsonNode anomaly = api.get(model).json().path("anomaly");
        assertThat(anomaly.path("scoreType").asString()).isEqualTo("MSE");
        assertThat(anomaly.path("contamination").asDouble()).isEqualTo(0.02);
        assertThat(anomaly.path("calibrationRows").asInt()).isEqualTo(300);   // the validation rows, 10% of 3000
        JsonNode q = anomaly.path("quantiles");
        assertThat(q.path("p50").asDouble()).isLessThan(q.path("p90").asDouble());
        assertThat(q.path("p99").asDouble()).isLessThanOrEqualTo(q.path("p99.9").asDouble());
        assertThat(anomaly.path("threshold").asDouble()).isBetween(q.path("p90").asDouble(), q.path("p99").asDouble());
        assertThat(api.get(model).json().path("spec").path("anomaly").path("score").asString()).isEqualTo("MSE");
    }

    @Test
    void aColumnShiftedBySixStandardDeviationsRanksFirstInNineteenOfTwentyRows() {
        int trials = 200;
        float[] fresh = TabularData.rows(trials, 99);
        double[] spread = TabularData.columnSpread(TRAIN, ROWS);
        SplittableRandom random = new SplittableRandom(5);
        int[] shifted = new int[trials];
        StringBuilder rows = new StringBuilder();
        for (int t = 0; t < trials; t++) {
            shifted[t] = random.nextInt(TabularData.COLUMNS);
            rows.append(t == 0 ? "[" : ",[").append(TabularData.text(fresh, t, shifted[t], 6 * spread[shifted[t]])).append(']');
        }
        Api.Response response = score("{\"instances\": [" + rows + "], \"top\": 1, \"features\": true}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        int hits = 0;
        for (int t = 0; t < trials; t++) {
            JsonNode first = body.path("top").get(t).get(0);
            if (first.path("column").asString().equals("c" + shifted[t])) {
                hits++;
            }
            double shares = 0;
            for (JsonNode share : body.path("features").get(t)) {
                shares += share.asDouble();
            }
            assertThat(shares).isCloseTo(1.0, Offset.offset(1e-4));
            int topColumn = Integer.parseInt(first.path("column").asString().substring(1));
            assertThat(first.path("share").asDouble())
                    .isCloseTo(body.path("features").get(t).get(topColumn).asDouble(), Offset.offset(1e-6));
        }
        System.out.printf("attribution: the shifted column ranks first in %d of %d rows%n", hits, trials);
        assertThat(hits).isGreaterThanOrEqualTo(190);
        assertThat(body.path("anomalies").size()).isEqualTo(trials);
    }

    @Test
    void flagsFollowTheThresholdAndPValuesFallAsScoresRise() {
        float[] fresh = TabularData.rows(400, 42);
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < 400; r++) {
            rows.append(r == 0 ? "[" : ",[").append(TabularData.text(fresh, r, r % 40 == 0 ? r / 40 % 8 : -1, 10)).append(']');
        }
        JsonNode body = score("{\"instances\": [" + rows + "]}").json();
        double threshold = body.path("threshold").asDouble();
        assertThat(threshold).isEqualTo(api.get(model).json().path("anomaly").path("threshold").asDouble());
        int flagged = 0;
        for (int r = 0; r < 400; r++) {
            double s = body.path("scores").get(r).asDouble();
            assertThat(body.path("anomalies").get(r).asBoolean()).isEqualTo(s > threshold);
            flagged += s > threshold ? 1 : 0;
            for (int q = 0; q < 400; q++) {
                if (body.path("scores").get(q).asDouble() > s) {
                    assertThat(body.path("pValues").get(q).asDouble()).isLessThanOrEqualTo(body.path("pValues").get(r).asDouble());
                }
            }
            if (r % 40 == 0) {
                assertThat(body.path("anomalies").get(r).asBoolean()).as("row %d, shifted by 10", r).isTrue();
            }
        }
        assertThat(body.has("features")).isFalse();
        assertThat(body.has("top")).isFalse();

        JsonNode looser = score("{\"instances\": [" + rows + "], \"contamination\": 0.3}").json();
        assertThat(looser.path("threshold").asDouble()).isLessThan(threshold);
        int looserFlagged = 0;
        for (JsonNode a : looser.path("anomalies")) {
            looserFlagged += a.asBoolean() ? 1 : 0;
        }
        assertThat(looserFlagged).isGreaterThan(flagged);
        JsonNode fixed = score("{\"instances\": [" + rows + "], \"threshold\": 1e9}").json();
        assertThat(fixed.path("threshold").asDouble()).isEqualTo(1e9);
        for (JsonNode a : fixed.path("anomalies")) {
            assertThat(a.asBoolean()).isFalse();
        }
    }

    @Test
    void anImportedCopyScoresTheSameWithTheSameCalibration() {
        String rows = "[[" + TabularData.text(TRAIN, 0, -1, 0) + "],[" + TabularData.text(TRAIN, 1, 3, 5) + "]]";
        JsonNode original = score("{\"instances\": " + rows + ", \"top\": 2}").json();
        byte[] file = api.getBytes(model + "/export");
        Api.Response imported = api.upload("/api/v1/models/import", "model.hgae", file);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().path("anomaly")).isEqualTo(api.get(model).json().path("anomaly"));
        JsonNode copy = api.postJson("/api/v1/models/" + imported.json().path("id").asString() + "/score",
                "{\"instances\": " + rows + ", \"top\": 2}").json();
        assertThat(copy).isEqualTo(original);
        assertThat(copy.path("top").get(1).get(0).path("column").asString()).isEqualTo("c3");
    }

    @Test
    void badOptionsAreRefusedNamingTheField() {
        String one = "[[" + TabularData.text(TRAIN, 0, -1, 0) + "]]";
        assertField(score("{\"instances\": " + one + ", \"top\": 9}"), "invalid-score-request", "top");
        assertField(score("{\"instances\": " + one + ", \"top\": -1}"), "invalid-score-request", "top");
        assertField(score("{\"instances\": " + one + ", \"contamination\": 0}"), "invalid-score-request", "contamination");
        assertField(score("{\"instances\": " + one + ", \"contamination\": 0.6}"), "invalid-score-request", "contamination");
        assertField(score("{\"instances\": " + one + ", \"contamination\": 0.1, \"threshold\": 1}"),
                "invalid-score-request", "contamination");
        assertField(score("{\"instances\": " + one + ", \"samples\": 4}"), "invalid-score-request", "samples");
        assertField(score("{\"instances\": " + one + ", \"seed\": 4}"), "invalid-score-request", "seed");
        assertField(score("{\"instances\": [[1, 2]]}"), "invalid-rows", "instances[0]");
        assertField(score("{\"instances\": [[1, 2, 3, 4, 5, 6, 7, NaN]]}"), "invalid-rows", "instances[0][7]");
        assertProblem(score("{\"instances\": " + one + ", \"top\": \"three\"}"), 422, "validation");
        assertProblem(api.postJson("/api/v1/models/00000000-0000-0000-0000-000000000009/score",
                "{\"instances\": " + one + "}"), 404, "not-found");
    }

    @Test
    void anAnomalyBlockTheModelCannotScoreIsRefusedAtSubmit() {
        String dataset = api.get(model).json().path("datasetId").asString();
        assertField(api.postJson("/api/v1/jobs", "{\"datasetId\": \"%s\", \"anomaly\": {\"score\": \"LOG_PROBABILITY\"}}"
                .formatted(dataset)), "invalid-spec", "anomaly.score");
        assertField(api.postJson("/api/v1/jobs", "{\"datasetId\": \"%s\", \"anomaly\": {\"contamination\": 0.7}}"
                .formatted(dataset)), "invalid-spec", "anomaly.contamination");
    }

    private static void assertField(Api.Response response, String type, String field) {
        assertProblem(response, 422, type);
        assertThat(response.json().path("errors").findValuesAsString("field")).contains(field);
    }
}
