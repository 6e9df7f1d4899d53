package dev.hourglass.dataset;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** {@code GET /datasets/{id}/histograms}: exact counts on a tiny typed table, and every bad request a 4xx. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DatasetHistogramsHttpTests {

    /** x: numeric with one missing cell; kind: categorical with one missing cell; k: constant. */
    private static final String TABLE = """
            {"name": "tiny", "columns": ["x", "kind", "k"],
             "rows": [[0, "a", 5], [1, "b", 5], [2.5, "a", 5], [null, "c", 5], [10, "a", 5], [7.5, null, 5]]}""";

    @LocalServerPort
    int port;

    Api api;
    String dataset;

    @BeforeEach
    void upload() {
        api = new Api(port);
        Api.Response uploaded = api.postJson("/api/v1/datasets", TABLE);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        dataset = "/api/v1/datasets/" + uploaded.json().path("id").asString();
    }

    private JsonNode histograms(String query) {
        Api.Response answer = api.get(dataset + "/histograms" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static void assertBin(JsonNode bin, double from, double to, long count) {
        assertThat(bin.path("from").asDouble()).isEqualTo(from);
        assertThat(bin.path("to").asDouble()).isEqualTo(to);
        assertThat(bin.path("count").asLong()).as(bin.toString()).isEqualTo(count);
    }

    @Test
    void countsEachColumnsObservedCellsAndItsMissingOnes() {
        JsonNode answer = histograms("?bins=4");

        assertThat(answer.path("datasetId").asString()).isEqualTo(dataset.substring(dataset.lastIndexOf('/') + 1));
        assertThat(answer.path("rows").asInt()).isEqualTo(6);
        JsonNode x = answer.path("columns").get(0);
        assertThat(x.path("name").asString()).isEqualTo("x");
        assertThat(x.path("type").asString()).isEqualTo("NUMERIC");
        assertThat(x.path("missing").asLong()).isEqualTo(1);
        assertThat(x.has("levels")).isFalse();
        // observed 0, 1, 2.5, 10, 7.5 in [0, 10]: edges 0, 2.5, 5, 7.5, 10; an edge starts its bin, 10 is in the last
        JsonNode bins = x.path("bins");
        assertThat(bins).hasSize(4);
        assertBin(bins.get(0), 0, 2.5, 2);
        assertBin(bins.get(1), 2.5, 5, 1);
        assertBin(bins.get(2), 5, 7.5, 0);
        assertBin(bins.get(3), 7.5, 10, 2);

        JsonNode kind = answer.path("columns").get(1);
        assertThat(kind.path("type").asString()).isEqualTo("CATEGORICAL");
        assertThat(kind.path("missing").asLong()).isEqualTo(1);
        assertThat(kind.has("bins")).isFalse();
        assertThat(kind.path("levels").toString())
                .isEqualTo("[{\"level\":\"a\",\"count\":3},{\"level\":\"b\",\"count\":1},{\"level\":\"c\",\"count\":1}]");

        JsonNode k = answer.path("columns").get(2);
        assertThat(k.path("missing").asLong()).isZero();
        assertThat(k.path("bins")).as("a constant column is one bin").hasSize(1);
        assertBin(k.path("bins").get(0), 5, 5, 6);
    }

    @Test
    void twentyBinsByDefault() {
        JsonNode bins = histograms("").path("columns").get(0).path("bins");

        assertThat(bins).hasSize(20);
        long[] counts = new long[20];
        for (int i = 0; i < 20; i++) {
            counts[i] = bins.get(i).path("count").asLong();
            assertThat(bins.get(i).path("from").asDouble()).isEqualTo(i * 0.5);   // 0 + (10 − 0) · i / 20
        }
        // 0 → bin 0, 1 → bin 2, 2.5 → bin 5, 7.5 → bin 15, 10 → bin 19 (the last, closed)
        assertThat(counts).containsExactly(1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1);
        assertThat(bins.get(19).path("to").asDouble()).isEqualTo(10.0);
        assertBin(histograms("?bins=1").path("columns").get(0).path("bins").get(0), 0, 10, 5);
    }

    @Test
    void binsOutsideOneToAHundredAreRefusedNamingBins() {
        for (String bins : new String[] {"0", "-1", "101"}) {
            Api.Response refused = api.get(dataset + "/histograms?bins=" + bins);
            assertProblem(refused, 422, "invalid-histogram-request");
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("bins");
        }
        assertThat(histograms("?bins=100").path("columns").get(0).path("bins")).hasSize(100);
        assertProblem(api.get(dataset + "/histograms?bins=many"), 400, "invalid-parameter");
        assertProblem(api.get(dataset + "/histograms?bins=2.5"), 400, "invalid-parameter");
    }

    @Test
    void anUnknownDatasetIsNotFound() {
        assertProblem(api.get("/api/v1/datasets/00000000-0000-0000-0000-000000000009/histograms"), 404, "not-found");
        assertProblem(api.get("/api/v1/datasets/nine/histograms"), 400, "invalid-parameter");
    }
}
