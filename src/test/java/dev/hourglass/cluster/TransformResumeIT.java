package dev.hourglass.cluster;

import static dev.hourglass.cluster.ClusterFixture.awaitEnd;
import static dev.hourglass.cluster.ClusterFixture.awaitEpoch;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import dev.hourglass.engine.anomaly.TabularData;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A transform killed with SIGKILL mid-way resumes on the next node from its last chunk and produces the
 * same dataset as a transform that was never interrupted.
 */
class TransformResumeIT extends PostgresProcessTest {

    private static final int ROWS = 60_000;

    /** Chunks of 100 rows: 600 commits, so that the kill lands mid-transform. */
    private static Map<String, Object> smallChunks() {
        Map<String, Object> p = new HashMap<>(properties);
        p.put("hourglass.transform.chunk-rows", 100);
        return p;
    }

    private static String upload(Api api) {
        float[] data = TabularData.rows(ROWS, 8);
        StringBuilder csv = new StringBuilder("c0,c1,c2,c3,c4,c5,c6,c7\n");
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < TabularData.COLUMNS; c++) {
                csv.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.5f", data[r * TabularData.COLUMNS + c]));
            }
            csv.append('\n');
        }
        Api.Response uploaded = api.upload("/api/v1/datasets", "factors.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        return uploaded.json().path("id").asString();
    }

    private static String transform(Api api, String model, String dataset) {
        Api.Response job = api.postJson("/api/v1/models/" + model + "/transform",
                "{\"datasetId\": \"%s\", \"output\": \"RECONSTRUCTIONS\"}".formatted(dataset));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        return job.json().path("id").asString();
    }

    @Test
    void aKilledTransformResumesFromItsLastChunkAndEndsWithTheSameDataset() throws Exception {
        String dataset;
        String model;
        String job;
        int seenChunk;
        try (ServiceProcess first = ServiceProcess.start("transform-a", smallChunks())) {
            dataset = upload(first.api);
            Api.Response training = first.api.postJson("/api/v1/jobs", """
                    {"datasetId": "%s", "encoder": [32, 3], "activation": "TANH", "outputActivation": "LINEAR",
                     "normalization": "ZSCORE", "training": {"epochs": 1, "batchSize": 256}}
                    """.formatted(dataset));
            JsonNode trained = awaitEnd(first.api, training.json().path("id").asString(), Duration.ofMinutes(2));
            assertThat(trained.path("status").asString()).as(trained.toString()).isEqualTo("SUCCEEDED");
            model = trained.path("modelId").asString();
            job = transform(first.api, model, dataset);
            seenChunk = awaitEpoch(first.api, job, 3);
            first.kill();
        }
        assertThat(seenChunk).as("killed before the transform finished").isLessThan(ROWS / 100);

        try (ServiceProcess second = ServiceProcess.start("transform-b", smallChunks())) {
            JsonNode resumed = awaitEnd(second.api, job, Duration.ofMinutes(3));
            assertThat(resumed.path("status").asString()).as(resumed.toString()).isEqualTo("SUCCEEDED");
            assertThat(resumed.path("attempt").asInt()).isEqualTo(2);
            assertThat(resumed.path("resumedFromEpoch").asInt()).as("went on from its chunks, not from the first")
                    .isGreaterThanOrEqualTo(seenChunk);
            assertThat(resumed.path("node").asString()).isEqualTo("transform-b");

            JsonNode reference = awaitEnd(second.api, transform(second.api, model, dataset), Duration.ofMinutes(3));
            assertThat(reference.path("attempt").asInt()).isEqualTo(1);
            String resumedRows = second.api.get("/api/v1/datasets/" + resumed.path("resultDatasetId").asString()
                    + "/rows?format=csv").body();
            String referenceRows = second.api.get("/api/v1/datasets/" + reference.path("resultDatasetId").asString()
                    + "/rows?format=csv").body();
            assertThat(resumedRows.lines().count()).isEqualTo(ROWS + 1);
            assertThat(resumedRows).isEqualTo(referenceRows);
        }
    }
}
