package dev.hourglass.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import dev.hourglass.support.Api;
import tools.jackson.databind.JsonNode;

/** Shared steps of the multi-process tests: the Fashion-MNIST slice and a job heavy enough to catch mid-run. */
final class ClusterFixture {

    private ClusterFixture() {
    }

    static String uploadFashion(Api api) throws IOException {
        byte[] idx;
        try (InputStream in = ClusterFixture.class.getResourceAsStream("/fixtures/fmnist-2000.idx.gz")) {
            idx = in.readAllBytes();
        }
        Api.Response uploaded = api.upload("/api/v1/datasets", "fmnist-2000.idx.gz", idx);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().path("id").asString();
    }

    /** A 784→width→784 job; one thread, so that its weights can be compared bit for bit with another run's. */
    static String submit(Api api, String datasetId, int width, int epochs) {
        Api.Response job = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [%d], "training": {"epochs": %d, "batchSize": 16, "seed": 5,
                 "validationFraction": 0.1, "threads": 1}}
                """.formatted(datasetId, width, epochs));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        return job.json().path("id").asString();
    }

    /**
     * A MULTIMODAL job on the slice: each image's left half (pixels p with p % 28 < 14) and right half as index
     * ranges, branches of {@code branch} units into a shared code of 32; one thread, as above.
     */
    static String submitHalves(Api api, String datasetId, int branch, int epochs) {
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        for (int row = 0; row < 28; row++) {
            String separator = row == 0 ? "" : ", ";
            left.append(separator).append("\"%d-%d\"".formatted(row * 28, row * 28 + 13));
            right.append(separator).append("\"%d-%d\"".formatted(row * 28 + 14, row * 28 + 27));
        }
        Api.Response job = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "variant": "MULTIMODAL", "encoder": [32],
                 "modalities": [{"name": "left", "columns": [%s], "encoder": [%d]},
                                {"name": "right", "columns": [%s], "encoder": [%d]}],
                 "multimodal": {"alignment": 0.1},
                 "training": {"epochs": %d, "batchSize": 16, "seed": 5, "validationFraction": 0.1, "threads": 1}}
                """.formatted(datasetId, left, branch, right, branch, epochs));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        return job.json().path("id").asString();
    }

    static JsonNode awaitEnd(Api api, String jobId, Duration timeout) {
        return api.await("/api/v1/jobs/" + jobId,
                j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"), timeout);
    }

    /** Polls quickly until the job has checkpointed at least {@code epoch} epochs; returns the epoch seen. */
    static int awaitEpoch(Api api, String jobId, int epoch) {
        return api.await("/api/v1/jobs/" + jobId, j -> j.path("epoch").asInt() >= epoch, Duration.ofSeconds(120))
                .path("epoch").asInt();
    }

    static String weightsSha256(Api api, JsonNode job) {
        return api.get("/api/v1/models/" + job.path("modelId").asString()).json().path("weightsSha256").asString();
    }
}
