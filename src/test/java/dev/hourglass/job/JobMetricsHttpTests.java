package dev.hourglass.job;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.hourglass.engine.spec.Variant;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /jobs/{id}/metrics}: the per-epoch history of a job, the same rows its model's metrics show once it
 * ends, growing while it trains, empty before its first epoch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JobMetricsHttpTests {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @LocalServerPort
    int port;

    @Autowired
    TrainingJobRepository jobs;

    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    /** {@code rows} rows of 8 columns, two latent factors plus noise, as a JSON dataset; returns its id. */
    private String dataset(int rows) {
        Random random = new Random(3);
        List<String> lines = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                cells.add(String.valueOf((float) ((c % 2 == 0 ? a : b) * (c + 1) + 0.1 * random.nextGaussian())));
            }
            lines.add("[" + String.join(", ", cells) + "]");
        }
        Api.Response uploaded = api.postJson("/api/v1/datasets", "{\"name\": \"factors\", \"rows\": " + lines + "}");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().path("id").asString();
    }

    @Test
    void aFinishedJobsHistoryIsItsModelsHistory() {
        Api.Response submitted = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "variant": "SPARSE", "encoder": [4], "normalization": "ZSCORE",
                 "outputActivation": "LINEAR", "training": {"epochs": 3, "batchSize": 16, "seed": 5}}
                """.formatted(dataset(200)));
        JsonNode job = api.awaitSucceeded(submitted, TIMEOUT);

        Api.Response history = api.get("/api/v1/jobs/" + job.path("id").asString() + "/metrics");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().path("jobId").asString()).isEqualTo(job.path("id").asString());
        JsonNode epochs = history.json().path("epochs");
        assertThat(epochs).hasSize(3);
        for (int e = 0; e < 3; e++) {
            assertThat(epochs.get(e).path("epoch").asInt()).isEqualTo(e + 1);
            assertThat(epochs.get(e).path("phase").asString()).isEqualTo("train");
            assertThat(epochs.get(e).path("terms").has("sparsityKl")).as(epochs.get(e).toString()).isTrue();
        }
        JsonNode model = api.get("/api/v1/models/" + job.path("modelId").asString() + "/metrics").json();
        assertThat(epochs).isEqualTo(model.path("epochs"));
    }

    @Test
    void aRunningJobsHistoryGrowsAsItsEpochsEnd() {
        Api.Response submitted = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [16, 4], "normalization": "ZSCORE", "outputActivation": "LINEAR",
                 "training": {"epochs": 1000, "batchSize": 8, "seed": 5}}
                """.formatted(dataset(2000)));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String path = "/api/v1/jobs/" + submitted.json().path("id").asString();

        JsonNode running = api.await(path, j -> !j.path("status").asString().equals("QUEUED")
                && j.path("epoch").asInt() >= 2, TIMEOUT);
        JsonNode history = api.get(path + "/metrics").json();
        api.postJson(path + "/cancel", "");
        assertThat(running.path("status").asString()).as("still training").isEqualTo("RUNNING");
        // The job's progress and its epoch's row are committed together: the history holds every epoch the view counted.
        assertThat(history.path("epochs").size()).isGreaterThanOrEqualTo(running.path("epoch").asInt());
        assertThat(history.path("epochs").get(1).path("epoch").asInt()).isEqualTo(2);

        JsonNode cancelled = api.await(path, j -> j.path("status").asString().equals("CANCELLED"), TIMEOUT);
        assertThat(api.get(path + "/metrics").json().path("epochs").size())
                .as("the epochs a cancelled job completed stay").isEqualTo(cancelled.path("epoch").asInt());
    }

    @Test
    void aJobBeforeItsFirstEpochHasAnEmptyHistory() {
        // Stored but never queued: no worker will run it.
        TrainingJob job = new TrainingJob(UUID.randomUUID(), "waiting", UUID.randomUUID(), Variant.BASIC, "{}", 10,
                Instant.parse("2026-01-01T00:00:00Z"));
        jobs.saveAndFlush(job);

        Api.Response history = api.get("/api/v1/jobs/" + job.getId() + "/metrics");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().path("jobId").asString()).isEqualTo(job.getId().toString());
        assertThat(history.json().path("epochs").isArray()).isTrue();
        assertThat(history.json().path("epochs")).isEmpty();
    }

    @Test
    void anUnknownJobIsNotFound() {
        assertProblem(api.get("/api/v1/jobs/00000000-0000-0000-0000-000000000009/metrics"), 404, "not-found");
        assertProblem(api.get("/api/v1/jobs/not-a-uuid/metrics"), 400, "invalid-parameter");
    }
}
