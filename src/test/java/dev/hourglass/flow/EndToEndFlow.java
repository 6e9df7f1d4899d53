package dev.hourglass.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole path a user walks, over real HTTP: upload 2,000 Fashion-MNIST images (IDX), train BASIC
 * 784→64→784 for 2 epochs, follow it, then encode and reconstruct. Runs on H2 and on PostgreSQL.
 */
abstract class EndToEndFlow {

    static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

    protected abstract int port();

    @Test
    void uploadsTrainsAndServesAModelThatBeatsThePerPixelMean() throws Exception {
        Api api = new Api(port());
        byte[] idx;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/fmnist-2000.idx.gz")) {
            idx = in.readAllBytes();
        }
        Api.Response uploaded = api.upload("/api/v1/datasets", "fmnist-2000.idx.gz", idx, "name", "fmnist-2000");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode dataset = uploaded.json();
        assertThat(dataset.path("rows").asInt()).isEqualTo(2000);
        assertThat(dataset.path("columns").asInt()).isEqualTo(784);
        assertThat(uploaded.location()).endsWith("/api/v1/datasets/" + dataset.path("id").asString());

        Api.Response submitted = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "name": "e2e", "variant": "BASIC", "encoder": [64],
                 "activation": "RELU", "outputActivation": "SIGMOID", "loss": "MSE", "normalization": "MINMAX",
                 "training": {"epochs": 2, "batchSize": 32, "optimizer": "ADAM", "learningRate": 0.003,
                              "validationFraction": 0.1, "seed": 7}}
                """.formatted(dataset.path("id").asString()));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String jobPath = "/api/v1/jobs/" + submitted.json().path("id").asString();
        assertThat(submitted.location()).isEqualTo(jobPath);
        CompletableFuture<List<String>> events = streamEvents(jobPath + "/events");

        JsonNode job = api.await(jobPath, j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"),
                TRAINING_TIMEOUT);
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("epoch").asInt()).isEqualTo(2);
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.path("lastLoss").asDouble()).isPositive();

        List<String> eventNames = events.get(30, TimeUnit.SECONDS);
        assertThat(eventNames).contains("progress").last().isEqualTo("done");

        String modelPath = "/api/v1/models/" + job.path("modelId").asString();
        JsonNode model = api.get(modelPath).json();
        assertThat(model.path("inputDim").asInt()).isEqualTo(784);
        assertThat(model.path("codeDim").asInt()).isEqualTo(64);
        // 784·64 + 64 (encoder) + 64·784 + 784 (decoder)
        assertThat(model.path("parameterCount").asLong()).isEqualTo(784L * 64 + 64 + 64L * 784 + 784);
        JsonNode history = api.get(modelPath + "/metrics").json().path("epochs");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(1).path("trainLoss").asDouble()).isLessThan(history.get(0).path("trainLoss").asDouble());

        float[][] rows = FashionFixture.firstRows(idx, 10);
        String instances = Api.JSON.writeValueAsString(java.util.Map.of("instances", rows));
        JsonNode codes = api.postJson(modelPath + "/encode", instances).json().path("codes");
        assertThat(codes.size()).isEqualTo(10);
        assertThat(codes.get(0).size()).isEqualTo(64);

        Api.Response reconstructed = api.postJson(modelPath + "/reconstruct", instances);
        assertThat(reconstructed.status()).as(reconstructed.body()).isEqualTo(200);
        JsonNode reconstructions = reconstructed.json().path("reconstructions");
        assertThat(reconstructed.json().path("errors").size()).isEqualTo(10);

        // The trivial model predicts each pixel's mean over the dataset; a trained autoencoder must beat it.
        double modelError = 0;
        double meanError = 0;
        JsonNode stats = dataset.path("stats");
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 784; c++) {
                double x = rows[r][c];
                modelError += sq(reconstructions.get(r).get(c).asDouble() - x);
                meanError += sq(stats.get(c).path("mean").asDouble() - x);
            }
        }
        assertThat(modelError).as("reconstruction SSE vs per-pixel-mean SSE").isLessThan(meanError);

        JsonNode decoded = api.postJson(modelPath + "/decode",
                Api.JSON.writeValueAsString(java.util.Map.of("codes", codes))).json().path("reconstructions");
        assertThat(decoded.get(0).get(100).asDouble()).isCloseTo(reconstructions.get(0).get(100).asDouble(),
                org.assertj.core.data.Offset.offset(1e-3));
    }

    private static double sq(double d) {
        return d * d;
    }

    /** Collects the SSE event names of a stream until the server closes it. */
    private CompletableFuture<List<String>> streamEvents(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body()
                        .filter(line -> line.startsWith("event:"))
                        .map(line -> line.substring("event:".length()).trim())
                        .toList());
    }

    static final class FashionFixture {
        /** The first {@code n} images of an IDX3 gz file, as raw 0..255 floats. */
        static float[][] firstRows(byte[] gz, int n) throws IOException {
            byte[] raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes();
            float[][] rows = new float[n][784];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < 784; c++) {
                    rows[r][c] = raw[16 + r * 784 + c] & 0xFF;
                }
            }
            return rows;
        }
    }
}
