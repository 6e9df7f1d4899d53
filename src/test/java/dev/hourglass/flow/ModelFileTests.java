package dev.hourglass.flow;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.model.ModelArtifactCodec;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** A model file exported here imports as a new model that answers exactly like the original. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ModelFileTests {

    @LocalServerPort
    int port;

    private byte[] export(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains(".hgae");
        return response.body();
    }

    @Test
    void anExportedModelImportsAndReconstructsIdentically() throws Exception {
        Api api = new Api(port);
        String dataset = api.postJson("/api/v1/datasets", """
                {"name": "pairs", "rows": [[1,2,3,4],[2,4,6,8],[3,1,4,1],[5,9,2,6],[5,3,5,8],[9,7,9,3],[2,3,8,4],[6,2,6,4]]}
                """).json().path("id").asString();
        String job = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "variant": "DENOISING", "encoder": [3], "outputActivation": "LINEAR",
                 "normalization": "ZSCORE", "training": {"epochs": 5, "batchSize": 4, "validationFraction": 0}}
                """.formatted(dataset)).json().path("id").asString();
        JsonNode done = api.await("/api/v1/jobs/" + job, j -> j.path("status").asString().equals("SUCCEEDED"),
                Duration.ofSeconds(60));
        String original = "/api/v1/models/" + done.path("modelId").asString();
        byte[] file = export(original + "/export");

        Api.Response imported = api.upload("/api/v1/models/import", "model.hgae", file);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        JsonNode copy = imported.json();
        assertThat(imported.location()).isEqualTo("/api/v1/models/" + copy.path("id").asString());
        assertThat(copy.path("jobId").isNull()).isTrue();
        assertThat(copy.path("variant").asString()).isEqualTo("DENOISING");
        JsonNode originalView = api.get(original).json();
        assertThat(copy.path("weightsSha256").asString()).isEqualTo(originalView.path("weightsSha256").asString());
        assertThat(copy.path("spec")).isEqualTo(originalView.path("spec"));
        assertThat(api.get(imported.location() + "/metrics").json().path("epochs").size()).isZero();

        String row = "{\"instances\": [[2.5, 3, 4.5, 5]]}";
        assertThat(api.postJson(imported.location() + "/reconstruct", row).body())
                .isEqualTo(api.postJson(original + "/reconstruct", row).body());
        assertThat(export(imported.location() + "/export")).isEqualTo(file);
    }

    @Test
    void aFileThatIsNotAModelIsRefused() {
        Api api = new Api(port);
        assertProblem(api.upload("/api/v1/models/import", "x.hgae", "not a model".getBytes()), 422, "invalid-model-file");
        byte[] wrongVersion = {'H', 'G', 'A', 'E', 0, 0, 0, 99};
        Api.Response refused = api.upload("/api/v1/models/import", "x.hgae", wrongVersion);
        assertProblem(refused, 422, "invalid-model-file");
        assertThat(refused.json().path("detail").asString()).contains("version 99");
        assertProblem(api.get("/api/v1/models/00000000-0000-0000-0000-000000000001/export"), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"variant\": \"basic\"}", "{\"variant\": \"VARIATIONAL\"}",
            "{\"variant\": \"MULTIMODAL\"}", "{\"variant\": 7}"})
    void aFileWhoseSpecNamesAVariantItsNetworkCannotBeIsRefused(String specJson) {
        ArchitectureSpec spec = new ArchitectureSpec(4, new int[] {2}, null, Activation.RELU, Activation.LINEAR, false);
        byte[] file = ModelArtifactCodec.encode(specJson, Autoencoder.initialize(spec, 1L),
                Normalizer.fit(Normalization.NONE, new float[4], 1, 4), null, null);
        Api.Response refused = new Api(port).upload("/api/v1/models/import", "x.hgae", file);
        assertProblem(refused, 422, "invalid-model-file");
        assertThat(refused.json().path("errors").get(0).path("reason").asString()).contains("variant");
    }

    @Test
    void aSpecNameLongerThanAModelNameIsRefused() {
        ArchitectureSpec spec = new ArchitectureSpec(4, new int[] {2}, null, Activation.RELU, Activation.LINEAR, false);
        Normalizer normalizer = Normalizer.fit(Normalization.NONE, new float[4], 1, 4);
        Api api = new Api(port);
        // 200 characters is the column's width (H2 counts UTF-16 units, so that is what the limit counts too)
        String longest = "n".repeat(200);
        Api.Response fits = api.upload("/api/v1/models/import", "x.hgae", ModelArtifactCodec.encode(
                "{\"name\": \"" + longest + "\"}", Autoencoder.initialize(spec, 1L), normalizer, null, null));
        assertThat(fits.status()).as(fits.body()).isEqualTo(201);
        assertThat(fits.json().path("name").asString()).isEqualTo(longest);
        Api.Response refused = api.upload("/api/v1/models/import", "x.hgae", ModelArtifactCodec.encode(
                "{\"name\": \"" + "n".repeat(201) + "\"}", Autoencoder.initialize(spec, 1L), normalizer, null, null));
        assertProblem(refused, 422, "invalid-model-file");
        assertThat(refused.json().path("errors").get(0).path("reason").asString())
                .contains("201 characters").contains("at most 200");
    }

    @Test
    void aTruncatedModelFileIsRefused() throws Exception {
        Api api = new Api(port);
        String dataset = api.postJson("/api/v1/datasets", "{\"name\": \"t\", \"rows\": [[1,2],[2,1],[3,3],[0,1]]}")
                .json().path("id").asString();
        String job = api.postJson("/api/v1/jobs", ("{\"datasetId\": \"%s\", \"encoder\": [1], \"training\": {\"epochs\": 1,"
                + " \"validationFraction\": 0}}").formatted(dataset)).json().path("id").asString();
        JsonNode done = api.await("/api/v1/jobs/" + job, j -> j.path("status").asString().equals("SUCCEEDED"),
                Duration.ofSeconds(60));
        byte[] file = export("/api/v1/models/" + done.path("modelId").asString() + "/export");
        assertProblem(api.upload("/api/v1/models/import", "x.hgae", Arrays.copyOf(file, file.length - 3)), 422,
                "invalid-model-file");
    }
}
