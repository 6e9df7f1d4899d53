package dev.hourglass.flow;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Every variant trains end to end over HTTP on the Fashion-MNIST slice and shows the terms it
 * optimizes; the behaviour of each term is proven in the engine's tests. Invalid combinations are 422s
 * naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VariantHttpTests {

    @LocalServerPort
    int port;

    Api api;
    static String dataset;
    static int datasetPort;

    @BeforeEach
    void fashion() throws IOException {
        api = new Api(port);
        if (dataset == null || datasetPort != port) {
            byte[] idx;
            try (InputStream in = getClass().getResourceAsStream("/fixtures/fmnist-2000.idx.gz")) {
                idx = in.readAllBytes();
            }
            Api.Response uploaded = api.upload("/api/v1/datasets", "fmnist-2000.idx.gz", idx);
            assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
            dataset = uploaded.json().path("id").asString();
            datasetPort = port;
        }
    }

    /** Trains the spec (datasetId filled in) to the end; returns the model's history. */
    private Trained train(String specWithoutDataset) {
        Api.Response submitted = api.postJson("/api/v1/jobs",
                "{\"datasetId\": \"" + dataset + "\", " + specWithoutDataset.strip().substring(1));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode job = api.await("/api/v1/jobs/" + submitted.json().path("id").asString(),
                j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"), Duration.ofMinutes(3));
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        String model = "/api/v1/models/" + job.path("modelId").asString();
        return new Trained(job, model, api.get(model).json(), api.get(model + "/metrics").json().path("epochs"));
    }

    record Trained(JsonNode job, String modelPath, JsonNode model, JsonNode history) {
        JsonNode lastTerms() {
            return history.get(history.size() - 1).path("terms");
        }
    }

    private static float[][] rows(int n) {
        float[][] rows = new float[n][784];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < 784; c++) {
                rows[r][c] = (r * 31 + c * 7) % 256;
            }
        }
        return rows;
    }

    @Test
    void denoisingReportsCleanAndCorruptedLoss() {
        Trained t = train("{\"variant\": \"DENOISING\", \"encoder\": [64], \"noise\": {\"type\": \"MASKING\", \"level\": 0.3},"
                + " \"training\": {\"epochs\": 2, \"batchSize\": 64}}");
        assertThat(t.model().path("spec").path("noise").path("level").asDouble()).isEqualTo(0.3);
        JsonNode terms = t.lastTerms();
        assertThat(terms.path("reconstructionCorrupted").asDouble())
                .as("masked inputs reconstruct worse than clean ones").isGreaterThan(terms.path("reconstructionClean").asDouble());
    }

    @Test
    void sparseDefaultsToReluHiddenLayersUnderASigmoidCodeAndReportsTheKlTerm() {
        Trained t = train("{\"variant\": \"SPARSE\", \"encoder\": [128, 64], \"sparsity\": {\"target\": 0.05, \"weight\": 3.0},"
                + " \"training\": {\"epochs\": 2, \"batchSize\": 64, \"learningRate\": 0.003}}");
        assertThat(t.model().path("spec").path("activation").asString()).isEqualTo("RELU");
        assertThat(t.model().path("spec").path("codeActivation").asString()).isEqualTo("SIGMOID");
        String instances = Api.JSON.writeValueAsString(java.util.Map.of("instances", rows(4)));
        api.postJson(t.modelPath() + "/encode", instances).json().path("codes")
                .forEach(row -> row.forEach(c -> assertThat(c.asDouble()).isStrictlyBetween(0.0, 1.0)));
        JsonNode first = t.history().get(0).path("terms");
        JsonNode last = t.lastTerms();
        assertThat(last.path("sparsityKl").asDouble()).isPositive().isLessThan(first.path("sparsityKl").asDouble());
        assertThat(last.path("meanActivation").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void contractiveReportsTheJacobianNormForEitherScope() {
        Trained code = train("{\"variant\": \"CONTRACTIVE\", \"encoder\": [128, 32], \"contractive\": {\"weight\": 0.01,"
                + " \"scope\": \"CODE_LAYER\"}, \"training\": {\"epochs\": 1, \"batchSize\": 64}}");
        assertThat(code.model().path("spec").path("contractive").path("scope").asString()).isEqualTo("CODE_LAYER");
        assertThat(code.lastTerms().path("contractive").asDouble()).isPositive();
        Trained t = train("{\"variant\": \"CONTRACTIVE\", \"encoder\": [64], \"contractive\": {\"weight\": 0.01},"
                + " \"training\": {\"epochs\": 2, \"batchSize\": 64}}");
        assertThat(t.model().path("spec").path("contractive").path("scope").asString()).isEqualTo("ENCODER");
        assertThat(t.lastTerms().path("jacobianFrobenius").asDouble()).isPositive();
        assertThat(t.lastTerms().path("contractive").asDouble()).isPositive();
    }

    @Test
    void variationalEncodesMeansAndVariancesAndSamplesRowsInTheDataRange() {
        Trained t = train("{\"variant\": \"VARIATIONAL\", \"encoder\": [128], \"variational\": {\"latentDim\": 8},"
                + " \"training\": {\"epochs\": 2, \"batchSize\": 64}}");
        assertThat(t.model().path("codeDim").asInt()).isEqualTo(8);
        JsonNode first = t.history().get(0).path("terms");
        assertThat(t.lastTerms().path("elbo").asDouble()).as("ELBO improves").isGreaterThan(first.path("elbo").asDouble());
        assertThat(t.lastTerms().path("kl").asDouble()).isPositive();

        String instances = Api.JSON.writeValueAsString(java.util.Map.of("instances", rows(3), "includeVariance", true));
        JsonNode encoded = api.postJson(t.modelPath() + "/encode", instances).json();
        assertThat(encoded.path("codes").size()).isEqualTo(3);
        assertThat(encoded.path("logVariances").get(0).size()).isEqualTo(8);

        JsonNode samples = api.postJson(t.modelPath() + "/sample", "{\"count\": 5, \"seed\": 3}").json().path("samples");
        assertThat(samples.size()).isEqualTo(5);
        assertThat(samples.get(0).size()).isEqualTo(784);
        List<Double> values = new ArrayList<>();
        samples.forEach(row -> row.forEach(v -> values.add(v.asDouble())));
        assertThat(values).allSatisfy(v -> assertThat(v).isBetween(0.0, 255.0));
        assertThat(api.postJson(t.modelPath() + "/sample", "{\"count\": 5, \"seed\": 3}").json().path("samples"))
                .as("the same seed gives the same samples").isEqualTo(samples);
    }

    @Test
    void stackedTrainsPhaseByPhaseThenFineTunes() {
        Trained t = train("{\"variant\": \"STACKED\", \"encoder\": [128, 32], \"stacked\": {\"pretrainEpochs\": 2, \"fineTune\": true},"
                + " \"training\": {\"epochs\": 2, \"batchSize\": 64}}");
        assertThat(t.job().path("epochs").asInt()).isEqualTo(2 * 2 + 2);
        assertThat(t.job().path("epoch").asInt()).isEqualTo(6);
        List<String> phases = new ArrayList<>();
        t.history().forEach(e -> phases.add(e.path("phase").asString()));
        assertThat(phases).containsExactly("pretrain-1", "pretrain-1", "pretrain-2", "pretrain-2", "fine-tune", "fine-tune");
        for (int phase = 0; phase < 3; phase++) {
            assertThat(t.history().get(2 * phase + 1).path("trainLoss").asDouble()).as("phase " + (phase + 1) + " loss falls")
                    .isLessThan(t.history().get(2 * phase).path("trainLoss").asDouble());
        }
    }

    @Test
    void anOvercompleteModelWithoutARegularizerIsFlaggedAndAMaskedOneIsNot() {
        Api.Response dataset6 = api.postJson("/api/v1/datasets", """
                {"name": "six", "rows": [[1,2,3,4,5,6],[2,1,4,3,6,5],[3,3,3,3,3,3],[6,5,4,3,2,1],[1,1,2,2,3,3],[5,5,1,1,4,4],
                                         [2,4,6,1,3,5],[6,1,5,2,4,3]]}
                """);
        String six = dataset6.json().path("id").asString();
        Api.Response plain = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [12], "activation": "LINEAR", "outputActivation": "LINEAR",
                 "training": {"epochs": 300, "batchSize": 8, "learningRate": 0.01, "validationFraction": 0}}
                """.formatted(six));
        assertThat(plain.json().path("warnings").get(0).asString()).contains("Overcomplete");
        Api.Response masked = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "encoder": [12], "activation": "LINEAR", "outputActivation": "LINEAR",
                 "noise": {"type": "MASKING", "level": 0.5},
                 "training": {"epochs": 300, "batchSize": 8, "learningRate": 0.01, "validationFraction": 0}}
                """.formatted(six));
        assertThat(masked.json().path("warnings").size()).isZero();
        JsonNode plainJob = api.await("/api/v1/jobs/" + plain.json().path("id").asString(),
                j -> j.path("status").asString().equals("SUCCEEDED"), Duration.ofMinutes(2));
        JsonNode maskedJob = api.await("/api/v1/jobs/" + masked.json().path("id").asString(),
                j -> j.path("status").asString().equals("SUCCEEDED"), Duration.ofMinutes(2));
        JsonNode plainCheck = api.get("/api/v1/models/" + plainJob.path("modelId").asString()).json()
                .path("metrics").path("identityCheck");
        JsonNode maskedCheck = api.get("/api/v1/models/" + maskedJob.path("modelId").asString()).json()
                .path("metrics").path("identityCheck");
        assertThat(plainCheck.path("copiesInput").asBoolean()).as(plainCheck.toString()).isTrue();
        assertThat(maskedCheck.path("copiesInput").asBoolean()).as(maskedCheck.toString()).isFalse();
    }

    @Test
    void invalidCombinationsNameTheField() {
        assertField(api.postJson("/api/v1/jobs", ("{\"datasetId\": \"%s\", \"variant\": \"SPARSE\", \"codeActivation\": \"RELU\"}")
                .formatted(dataset)), "codeActivation");
        assertField(api.postJson("/api/v1/jobs", ("{\"datasetId\": \"%s\", \"variant\": \"STACKED\", \"encoder\": [64, 16],"
                + " \"sparsity\": {}}").formatted(dataset)), "activation");
        assertField(api.postJson("/api/v1/jobs", ("{\"datasetId\": \"%s\", \"variant\": \"VARIATIONAL\", \"tiedWeights\": true}")
                .formatted(dataset)), "tiedWeights");
        assertField(api.postJson("/api/v1/jobs", ("{\"datasetId\": \"%s\", \"variant\": \"BASIC\", \"stacked\": {\"pretrainEpochs\": 1}}")
                .formatted(dataset)), "stacked");
        assertField(api.postJson("/api/v1/jobs", ("{\"datasetId\": \"%s\", \"variant\": \"DENOISING\", \"noise\": {\"level\": 1.5}}")
                .formatted(dataset)), "noise.level");
        assertField(api.postJson("/api/v1/jobs", ("{\"datasetId\": \"%s\", \"variant\": \"VARIATIONAL\", \"normalization\": \"ZSCORE\"}")
                .formatted(dataset)), "variational.likelihood");
        assertField(api.postJson("/api/v1/jobs", ("{\"datasetId\": \"%s\", \"sparsity\": {\"target\": 1.0}}")
                .formatted(dataset)), "sparsity.target");
        Api.Response notVae = api.postJson("/api/v1/models/00000000-0000-0000-0000-000000000009/sample", "{\"count\": 1}");
        assertProblem(notVae, 404, "not-found");
    }

    private static void assertField(Api.Response response, String field) {
        assertProblem(response, 422, "invalid-spec");
        assertThat(response.json().path("errors").findValuesAsString("field")).contains(field);
    }
}
