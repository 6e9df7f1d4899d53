package dev.hourglass.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import dev.hourglass.HourglassApplication;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The default embedded setup (H2 in file mode) keeps datasets, jobs and models across a restart. */
class RestartPersistenceTests {

    @TempDir
    Path dataDir;

    @Test
    void datasetsJobsAndModelsSurviveARestart() {
        String url = "jdbc:h2:file:" + dataDir.resolve("hourglass").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        String datasetId;
        String jobId;
        String modelId;
        String reconstruction;
        String row = "{\"instances\":[[0.1,0.9,1.0,-0.8,0.2,0.45]]}";
        try (ConfigurableApplicationContext app = start(url)) {
            Api api = new Api(port(app));
            Api.Response dataset = api.postJson("/api/v1/datasets", """
                    {"name": "persisted", "columns": ["a","b","c","d","e","f"],
                     "rows": [[0.1,0.9,1.0,-0.8,0.2,0.45],[0.7,0.2,0.9,0.5,1.4,0.1],[0.3,0.3,0.6,0.0,0.6,0.15],
                              [0.9,0.6,1.5,0.3,1.8,0.3],[0.2,0.1,0.3,0.1,0.4,0.05],[0.5,0.8,1.3,-0.3,1.0,0.4]]}
                    """);
            assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
            datasetId = dataset.json().path("id").asString();
            jobId = api.postJson("/api/v1/jobs", """
                    {"datasetId": "%s", "encoder": [2], "outputActivation": "LINEAR", "normalization": "ZSCORE",
                     "training": {"epochs": 3, "batchSize": 2, "validationFraction": 0}}
                    """.formatted(datasetId)).json().path("id").asString();
            JsonNode job = api.await("/api/v1/jobs/" + jobId, j -> j.path("status").asString().equals("SUCCEEDED"),
                    Duration.ofSeconds(60));
            modelId = job.path("modelId").asString();
            reconstruction = api.postJson("/api/v1/models/" + modelId + "/reconstruct", row).body();
        }
        try (ConfigurableApplicationContext app = start(url)) {
            Api api = new Api(port(app));
            assertThat(api.get("/api/v1/datasets/" + datasetId).json().path("rows").asInt()).isEqualTo(6);
            assertThat(api.get("/api/v1/jobs/" + jobId).json().path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(api.get("/api/v1/models/" + modelId + "/metrics").json().path("epochs").size()).isEqualTo(3);
            assertThat(api.postJson("/api/v1/models/" + modelId + "/reconstruct", row).body()).isEqualTo(reconstruction);
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(HourglassApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url, "--hourglass.workers.polling-interval=200ms");
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
