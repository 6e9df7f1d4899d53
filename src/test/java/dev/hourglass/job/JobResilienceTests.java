package dev.hourglass.job;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;

import dev.hourglass.support.Api;
import dev.hourglass.tenant.Tenancy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Early stopping, max runtime, divergence, idempotent submit and every limit's refusal, over HTTP.
 * Limits are set low here so that each refusal is reachable with small requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hourglass.limits.max-queued-jobs=1",
        "hourglass.limits.max-parameters=100000",
        "hourglass.limits.max-training-memory=2MB",
        "hourglass.limits.max-inference-cells=100",
        "spring.servlet.multipart.max-file-size=4KB",
        "spring.servlet.multipart.max-request-size=4KB"})
@ActiveProfiles("test")
class JobResilienceTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String dataset;

    @BeforeEach
    void uploadDataset() {
        api = new Api(port);
        Random random = new Random(11);
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < 200; r++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            rows.append(r == 0 ? "" : ",").append("[%.4f,%.4f,%.4f,%.4f]".formatted(a * 1000, b * 1000, (a + b) * 1000, (a - b) * 1000));
        }
        Api.Response created = api.postJson("/api/v1/datasets", "{\"name\":\"thousands\",\"rows\":[" + rows + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        dataset = created.json().path("id").asString();
    }

    JsonNode awaitEnd(String jobId) {
        return api.await("/api/v1/jobs/" + jobId, j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"),
                Duration.ofSeconds(90));
    }

    String submit(String trainingJson) {
        Api.Response job = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [2], "activation": "TANH", "outputActivation": "LINEAR",
                 "normalization": "ZSCORE", "training": %s}
                """.formatted(dataset, trainingJson));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        return job.json().path("id").asString();
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndPublishesTheBestEpoch() {
        // minDelta is so large that no epoch after the first counts as an improvement: the best epoch is 1,
        // and with patience 2 training stops after epoch 3.
        String job = submit("{\"epochs\": 50, \"batchSize\": 20, \"validationFraction\": 0.2,"
                + " \"earlyStopping\": {\"patience\": 2, \"minDelta\": 1000000}}");
        JsonNode done = awaitEnd(job);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("epoch").asInt()).isEqualTo(3);
        assertThat(done.path("stopReason").asString()).contains("Early stopping").contains("best epoch (1)");
        JsonNode model = api.get("/api/v1/models/" + done.path("modelId").asString()).json();
        assertThat(model.path("metrics").path("epochs").asInt()).isEqualTo(1);
        JsonNode history = api.get("/api/v1/models/" + done.path("modelId").asString() + "/metrics").json().path("epochs");
        assertThat(history.size()).isEqualTo(3);
        assertThat(model.path("metrics").path("validationLoss").asDouble())
                .isEqualTo(history.get(0).path("validationLoss").asDouble());
        assertThat(jdbc.queryForObject("select count(*) from job_checkpoint where job_id = ?", Integer.class,
                java.util.UUID.fromString(job))).as("checkpoint of a finished job").isZero();
    }

    @Test
    void earlyStoppingNeedsValidationRows() {
        Api.Response response = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "training": {"validationFraction": 0, "earlyStopping": {"patience": 2}}}
                """.formatted(dataset));
        assertProblem(response, 422, "invalid-spec");
        assertThat(response.json().path("errors").findValuesAsString("field")).contains("training.earlyStopping");
    }

    @Test
    void maxRuntimePublishesTheLastCompletedEpoch() {
        String job = submit("{\"epochs\": 100000, \"batchSize\": 1, \"maxRuntimeSeconds\": 2}");
        JsonNode done = awaitEnd(job);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("stopReason").asString()).contains("maxRuntimeSeconds (2 s) reached after epoch");
        int epochs = done.path("epoch").asInt();
        assertThat(epochs).isPositive().isLessThan(100_000);
        JsonNode model = api.get("/api/v1/models/" + done.path("modelId").asString()).json();
        assertThat(model.path("metrics").path("epochs").asInt()).isEqualTo(epochs);
    }

    @Test
    void aDivergingRunFailsWithAMessageThatSaysWhatToTry() {
        Api.Response response = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [2], "activation": "LINEAR", "outputActivation": "LINEAR",
                 "normalization": "NONE", "training": {"epochs": 20, "optimizer": "SGD", "learningRate": 10}}
                """.formatted(dataset));
        JsonNode done = awaitEnd(response.json().path("id").asString());
        assertThat(done.path("status").asString()).isEqualTo("FAILED");
        assertThat(done.path("error").asString()).contains("diverged").contains("lower learning rate");
        assertThat(done.path("modelId").isNull()).isTrue();
    }

    @Test
    void theSameIdempotencyKeyAndBodyReturnTheSameJob() {
        String body = "{\"datasetId\": \"%s\", \"encoder\": [2], \"training\": {\"epochs\": 1}}".formatted(dataset);
        Api.Response first = post(body, "key-" + dataset);
        Api.Response again = post(body, "key-" + dataset);
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
        assertThat(again.location()).isEqualTo(first.location());
        awaitEnd(first.json().path("id").asString());

        Api.Response other = post(body.replace("[2]", "[3]"), "key-" + dataset);
        assertProblem(other, 409, "idempotency-key-reused");
    }

    private Api.Response post(String body, String key) {
        return api.postJson("/api/v1/jobs", body, "Idempotency-Key", key);
    }

    @Test
    void aFullQueueIsRefusedWithRetryAfter() {
        String running = submit("{\"epochs\": 100000, \"batchSize\": 1}");
        api.await("/api/v1/jobs/" + running, j -> j.path("status").asString().equals("RUNNING"), Duration.ofSeconds(30));
        String queued = submit("{\"epochs\": 1}");
        Api.Response refused = api.postJson("/api/v1/jobs", "{\"datasetId\": \"%s\", \"encoder\": [2]}".formatted(dataset));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.problemType()).isEqualTo("queue-full");
        assertThat(refused.body()).contains("max-queued-jobs");
        api.post("/api/v1/jobs/" + queued + "/cancel", "application/json", new byte[0]);
        api.post("/api/v1/jobs/" + running + "/cancel", "application/json", new byte[0]);
        assertThat(awaitEnd(running).path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void parameterAndMemoryLimitsAreRefusedNamingTheLimit() {
        Api.Response parameters = api.postJson("/api/v1/jobs",
                "{\"datasetId\": \"%s\", \"encoder\": [20000, 2]}".formatted(dataset));
        assertProblem(parameters, 422, "invalid-spec");
        assertThat(parameters.json().path("errors").get(0).path("reason").asString()).contains("limit is 100000");

        Api.Response memory = api.postJson("/api/v1/jobs",
                "{\"datasetId\": \"%s\", \"encoder\": [4000, 2], \"training\": {\"batchSize\": 4096}}".formatted(dataset));
        assertProblem(memory, 422, "training-memory-limit");
        assertThat(memory.json().path("detail").asString()).contains("max-training-memory");
    }

    @Test
    void moreThreadsThanTheNodeGivesAJobAreRefused() {
        Api.Response response = api.postJson("/api/v1/jobs",
                "{\"datasetId\": \"%s\", \"training\": {\"threads\": 64}}".formatted(dataset));
        assertProblem(response, 422, "invalid-spec");
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("training.threads");
    }

    @Autowired
    TrainingWorker worker;

    @Test
    void aDrainingNodeRefusesNewJobsWithServiceUnavailable() {
        worker.drain();
        try {
            Api.Response refused = api.postJson("/api/v1/jobs", "{\"datasetId\": \"%s\"}".formatted(dataset));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.problemType()).isEqualTo("shutting-down");
        } finally {
            worker.resume();
        }
    }

    @Test
    void aJobCancelledWhileItsNodeWasDeadEndsCancelledWhenRevived() {
        // As a dead node leaves it: RUNNING on node-a, then a cancel request that nobody executes.
        java.util.UUID id = java.util.UUID.randomUUID();
        jdbc.update("insert into training_job (id, dataset_id, variant, spec, status, epoch, epochs, progress, attempt,"
                + " node, created_at, updated_at, version, tenant_id) values (?, ?, 'BASIC', '{}', 'CANCEL_REQUESTED', 2, 10, 0.2, 1,"
                + " 'node-a', current_timestamp, current_timestamp, 0, '" + Tenancy.DEFAULT_TENANT + "')", id, java.util.UUID.fromString(dataset));
        worker.run(id, "node-b");   // db-scheduler revives the execution on another node
        JsonNode job = api.get("/api/v1/jobs/" + id).json();
        assertThat(job.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(job.path("finishedAt").isNull()).isFalse();
        assertThat(api.delete("/api/v1/datasets/" + dataset).status()).as("the dataset is free again").isEqualTo(204);
    }

    @Test
    void anAttemptThatWasTakenOverStopsWithoutTouchingTheJob() {
        String id = submit("{\"epochs\": 100000, \"batchSize\": 1}");
        api.await("/api/v1/jobs/" + id, j -> j.path("epoch").asInt() >= 1, Duration.ofSeconds(30));
        // Another node revived the execution (this node's heartbeat went stale): a newer attempt owns the job.
        jdbc.update("update training_job set attempt = attempt + 1, node = 'node-b' where id = ?", java.util.UUID.fromString(id));
        int before = api.get("/api/v1/jobs/" + id).json().path("epoch").asInt();
        try {
            Thread.sleep(3000);   // the stale attempt polls ownership every second and at each epoch's end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        JsonNode job = api.get("/api/v1/jobs/" + id).json();
        assertThat(job.path("status").asString()).isEqualTo("RUNNING");
        assertThat(job.path("node").asString()).isEqualTo("node-b");
        assertThat(job.path("epoch").asInt()).as("the stale attempt writes no more progress").isLessThanOrEqualTo(before + 1);
        assertThat(job.path("modelId").isNull()).isTrue();
        // the worker is free again: a new job runs
        jdbc.update("update training_job set status = 'CANCELLED' where id = ?", java.util.UUID.fromString(id));
        assertThat(awaitEnd(submit("{\"epochs\": 1}")).path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anInferenceRequestOverTheCellLimitIsRefused() {
        JsonNode done = awaitEnd(submit("{\"epochs\": 1}"));
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < 30; r++) {
            rows.append(r == 0 ? "" : ",").append("[1, 2, 3, 4]");
        }
        Api.Response refused = api.postJson("/api/v1/models/" + done.path("modelId").asString() + "/encode",
                "{\"instances\": [" + rows + "]}");
        assertProblem(refused, 413, "too-many-rows");
        assertThat(refused.json().path("detail").asString()).contains("max-inference-cells");
    }

    @Test
    void anUploadOverTheSizeLimitIsRefused() {
        byte[] csv = ("a,b\n" + "1,2\n".repeat(2000)).getBytes();
        assertProblem(api.upload("/api/v1/datasets", "big.csv", csv), 413, "upload-too-large");
    }
}
