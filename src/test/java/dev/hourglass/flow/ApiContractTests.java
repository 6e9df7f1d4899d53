package dev.hourglass.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The ugly cases over real HTTP: every refusal is problem+json with a stable type, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public class ApiContractTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** A 200×6 dataset whose columns are noisy mixtures of two factors. */
    String smallDataset() {
        Random random = new Random(3);
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < 200; r++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            rows.append(r == 0 ? "" : ",").append("[%.4f,%.4f,%.4f,%.4f,%.4f,%.4f]".formatted(
                    a, b, a + b, a - b, 2 * a, 0.5 * b + 0.01 * random.nextGaussian()));
        }
        Api.Response created = api.postJson("/api/v1/datasets", "{\"name\":\"small\",\"rows\":[" + rows + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    String submit(String datasetId, int epochs, int batchSize) {
        Api.Response job = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [3], "activation": "TANH", "outputActivation": "LINEAR",
                 "normalization": "ZSCORE", "training": {"epochs": %d, "batchSize": %d, "learningRate": 0.01}}
                """.formatted(datasetId, epochs, batchSize));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        return job.json().path("id").asString();
    }

    public static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo(type);
        assertThat(response.json().path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownIdsAreNotFound() {
        String missing = "/00000000-0000-0000-0000-000000000001";
        assertProblem(api.get("/api/v1/jobs" + missing), 404, "not-found");
        assertProblem(api.get("/api/v1/models" + missing), 404, "not-found");
        assertProblem(api.get("/api/v1/datasets" + missing), 404, "not-found");
        assertProblem(api.postJson("/api/v1/models" + missing + "/encode", "{\"instances\":[[1]]}"), 404, "not-found");
        assertProblem(api.get("/api/v1/no-such-thing"), 404, "not-found");
    }

    @Test
    void badUuidsAreBadRequests() {
        Api.Response response = api.get("/api/v1/jobs/not-a-uuid");
        assertProblem(response, 400, "invalid-parameter");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("id");
    }

    @Test
    void outOfRangePagingAndHeadersAreBadRequestsNamingTheParameter() {
        Api.Response size = api.get("/api/v1/jobs?size=500");
        assertProblem(size, 400, "invalid-parameter");
        assertThat(size.json().path("errors").get(0).path("field").asString()).isEqualTo("size");
        assertProblem(api.get("/api/v1/models?page=-1"), 400, "invalid-parameter");
        assertProblem(api.get("/api/v1/datasets?size=0"), 400, "invalid-parameter");
        Api.Response key = api.postJson("/api/v1/jobs", "{\"datasetId\": \"00000000-0000-0000-0000-000000000001\"}",
                "Idempotency-Key", "k".repeat(201));
        assertProblem(key, 400, "invalid-parameter");
        assertThat(key.json().path("errors").get(0).path("field").asString()).isEqualTo("idempotencyKey");
    }

    @ParameterizedTest
    @ValueSource(strings = {"datasets", "jobs", "models"})
    void aPagePastTheEndIsEmptyHoweverFarItIs(String list) {
        // page × size beyond any int offset (30,000,000 × 100 = 3e9) was a 500; past the end is empty, as a rows offset is
        for (String query : new String[] {"?page=30000000&size=100", "?page=2147483647&size=100", "?page=1000&size=1"}) {
            Api.Response page = api.get("/api/v1/" + list + query);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().path("items").isEmpty()).isTrue();
            assertThat(page.json().path("size").asInt()).isEqualTo(query.endsWith("size=1") ? 1 : 100);
            assertThat(page.json().path("totalItems").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void aGzippedCsvOfOneGiantCellIsRefusedAsItIsRead() throws Exception {
        // 8 MB of digits in one cell gzips to about 8 KB; it was parsed whole (and the cell held) before
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write("a,b\n1,".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            gz.write("1".repeat(8 << 20).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Api.Response refused = api.upload("/api/v1/datasets", "bomb.csv.gz", bytes.toByteArray());
        assertProblem(refused, 413, "dataset-too-large");
        assertThat(refused.json().path("detail").asString()).contains("hourglass.limits.max-field-chars is 65536");
    }

    @Test
    void aJobNameLongerThanTheColumnIsAFieldError() {
        String dataset = smallDataset();
        Api.Response response = api.postJson("/api/v1/jobs",
                "{\"datasetId\": \"%s\", \"name\": \"%s\"}".formatted(dataset, "n".repeat(201)), "Idempotency-Key", "long-name");
        assertProblem(response, 422, "invalid-spec");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(api.postJson("/api/v1/jobs", "{\"datasetId\": "), 400, "malformed-request");
    }

    @Test
    void wrongContentTypeIsRefused() {
        assertProblem(api.post("/api/v1/jobs", "text/plain", "hello".getBytes()), 415, "unsupported-media-type");
    }

    @Test
    void anUnknownEnumValueNamesTheField() {
        Api.Response response = api.postJson("/api/v1/jobs",
                "{\"datasetId\":\"00000000-0000-0000-0000-000000000001\",\"activation\":\"SWISH\"}");
        assertProblem(response, 422, "validation");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("activation");
    }

    @Test
    void aJobOnAnUnknownDatasetIsNotFound() {
        assertProblem(api.postJson("/api/v1/jobs", "{\"datasetId\":\"00000000-0000-0000-0000-000000000001\"}"),
                404, "not-found");
    }

    @Test
    void invalidSpecsNameEveryOffendingField() {
        String dataset = smallDataset();
        Api.Response response = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [0], "loss": "BCE", "outputActivation": "LINEAR",
                 "training": {"epochs": 0, "learningRate": -1, "validationFraction": 0.9}}
                """.formatted(dataset));
        assertProblem(response, 422, "invalid-spec");
        assertThat(response.json().path("errors").findValuesAsString("field"))
                .contains("encoder[0]", "loss", "training.epochs", "training.learningRate", "training.validationFraction");
    }

    @Test
    void multimodalWithoutModalitiesIsAnInvalidSpecNamingThem() {
        String dataset = smallDataset();
        Api.Response response = api.postJson("/api/v1/jobs",
                "{\"datasetId\":\"%s\",\"variant\":\"MULTIMODAL\"}".formatted(dataset));
        assertProblem(response, 422, "invalid-spec");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("modalities");
    }

    @Test
    void inferenceRefusesBadRowsNamingRowAndColumn() {
        String dataset = smallDataset();
        String job = submit(dataset, 1, 50);
        JsonNode done = api.await("/api/v1/jobs/" + job, j -> j.path("status").asString().equals("SUCCEEDED"),
                Duration.ofSeconds(60));
        String model = "/api/v1/models/" + done.path("modelId").asString();

        Api.Response wrongWidth = api.postJson(model + "/encode", "{\"instances\":[[1,2,3,4,5,6],[1,2,3]]}");
        assertProblem(wrongWidth, 422, "invalid-rows");
        assertThat(wrongWidth.json().path("errors").get(0).path("field").asString()).isEqualTo("instances[1]");

        Api.Response nan = api.postJson(model + "/reconstruct", "{\"instances\":[[1,2,3,4,5,NaN]]}");
        assertProblem(nan, 422, "invalid-rows");
        assertThat(nan.json().path("errors").get(0).path("field").asString()).isEqualTo("instances[0][5]");

        Api.Response infinite = api.postJson(model + "/encode", "{\"instances\":[[1,2,Infinity,4,5,6]]}");
        assertThat(infinite.json().path("errors").get(0).path("field").asString()).isEqualTo("instances[0][2]");

        Api.Response huge = api.postJson(model + "/encode", "{\"instances\":[[1,2,3,1e300,5,6]]}");
        assertThat(huge.json().path("errors").get(0).path("field").asString()).isEqualTo("instances[0][3]");

        Api.Response text = api.postJson(model + "/encode", "{\"instances\":[[1,2,3,4,\"five\",6]]}");
        assertProblem(text, 422, "invalid-rows");
        assertThat(text.json().path("errors").get(0).path("reason").asString()).isEqualTo("is not a number");

        assertProblem(api.postJson(model + "/encode", "{}"), 422, "invalid-rows");
        assertProblem(api.postJson(model + "/encode", "{\"instances\":[]}"), 422, "invalid-rows");
        assertProblem(api.postJson(model + "/decode", "{\"codes\":[[1,2]]}"), 422, "invalid-rows");

        Api.Response ok = api.postJson(model + "/reconstruct", "{\"instances\":[[0.5,0.5,1,0,1,0.25]]}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("reconstructions").get(0).size()).isEqualTo(6);
    }

    @Test
    void queuedAndRunningJobsCanBeCancelledAndPublishNoModel() {
        String dataset = smallDataset();
        String running = submit(dataset, 100_000, 1);
        api.await("/api/v1/jobs/" + running, j -> j.path("status").asString().equals("RUNNING"), Duration.ofSeconds(30));
        // One worker per node in tests: the second job waits in the queue.
        String queued = submit(dataset, 1, 50);
        assertThat(api.get("/api/v1/jobs/" + queued).json().path("status").asString()).isEqualTo("QUEUED");

        Api.Response cancelQueued = api.post("/api/v1/jobs/" + queued + "/cancel", "application/json", new byte[0]);
        assertThat(cancelQueued.status()).isEqualTo(202);
        assertThat(cancelQueued.json().path("status").asString()).isEqualTo("CANCELLED");

        Api.Response cancelRunning = api.post("/api/v1/jobs/" + running + "/cancel", "application/json", new byte[0]);
        assertThat(cancelRunning.status()).isEqualTo(202);
        JsonNode cancelled = api.await("/api/v1/jobs/" + running,
                j -> j.path("status").asString().equals("CANCELLED"), Duration.ofSeconds(30));
        assertThat(cancelled.path("modelId").isNull() || cancelled.path("modelId").isMissingNode()).isTrue();
        assertThat(cancelled.path("finishedAt").isNull()).isFalse();

        assertProblem(api.post("/api/v1/jobs/" + running + "/cancel", "application/json", new byte[0]), 409,
                "job-not-cancellable");
        // A job that is done releases its dataset.
        assertThat(api.delete("/api/v1/datasets/" + dataset).status()).isEqualTo(204);
    }

    @Test
    void aDatasetInUseCannotBeDeleted() {
        String dataset = smallDataset();
        String job = submit(dataset, 100_000, 1);
        assertProblem(api.delete("/api/v1/datasets/" + dataset), 409, "dataset-in-use");
        api.post("/api/v1/jobs/" + job + "/cancel", "application/json", new byte[0]);
        api.await("/api/v1/jobs/" + job, j -> j.path("status").asString().equals("CANCELLED"), Duration.ofSeconds(30));
    }

    @Test
    void healthAndPrometheusAreExposed() {
        assertThat(api.get("/actuator/health/liveness").json().path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/readiness").json().path("status").asString()).isEqualTo("UP");
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("hourglass_jobs_queued", "hourglass_jobs_running", "hourglass_jobs_finished_total");
    }
}
