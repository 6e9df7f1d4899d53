package dev.hourglass.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.hourglass.engine.table.MixedTable;
import dev.hourglass.engine.table.Table;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A typed table end to end over HTTP: a CSV with categorical columns and empty cells uploads as one,
 * every variant trains on it, answers in its terms (level names, numbers in the caller's units) and
 * keeps its answers bit for bit through export and import.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TypedTableHttpTests {

    /** Every variant with the blocks it needs; small nets, a few epochs. */
    static final Map<String, String> SPECS = Map.of(
            "BASIC", "\"variant\": \"BASIC\", \"encoder\": [16, 4]",
            "DENOISING", "\"variant\": \"DENOISING\", \"encoder\": [16, 4], \"noise\": {\"type\": \"MASKING\", \"level\": 0.2}",
            "SPARSE", "\"variant\": \"SPARSE\", \"encoder\": [16, 4], \"codeActivation\": \"SIGMOID\", "
                    + "\"sparsity\": {\"target\": 0.1, \"weight\": 0.5}",
            "CONTRACTIVE", "\"variant\": \"CONTRACTIVE\", \"encoder\": [16, 4], \"contractive\": {\"weight\": 0.001}",
            "VARIATIONAL", "\"variant\": \"VARIATIONAL\", \"encoder\": [16], \"outputActivation\": \"LINEAR\", "
                    + "\"variational\": {\"latentDim\": 3, \"likelihood\": \"GAUSSIAN\"}",
            "STACKED", "\"variant\": \"STACKED\", \"encoder\": [16, 4], \"stacked\": {\"pretrainEpochs\": 2}");

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    static String syntheticCsv() {
        Table table = MixedTable.hide(MixedTable.synthetic(800, 21), 0.05, 8).table();
        return MixedTable.csv(table, MixedTable.SYNTHETIC_COLUMNS, MixedTable.syntheticLevels());
    }

    String uploadSynthetic() {
        Api.Response uploaded = api.upload("/api/v1/datasets", "mixed.csv", syntheticCsv().getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode stats = uploaded.json().path("stats");
        assertThat(stats.get(1).path("type").asString()).isEqualTo("CATEGORICAL");
        assertThat(stats.get(1).path("levels")).hasSize(4);
        assertThat(stats.get(0).path("missing").asLong()).isPositive();
        return uploaded.json().path("id").asString();
    }

    JsonNode train(String dataset, String variant) {
        Api.Response submitted = api.postJson("/api/v1/jobs", "{\"datasetId\": \"" + dataset + "\", "
                + SPECS.get(variant) + ", \"normalization\": \"" + (variant.equals("VARIATIONAL") ? "ZSCORE" : "MINMAX")
                + "\", \"training\": {\"epochs\": 4, \"batchSize\": 64, \"learningRate\": 0.01}}");
        JsonNode job = api.awaitSucceeded(submitted, Duration.ofMinutes(2));
        return api.get("/api/v1/models/" + job.path("modelId").asString()).json();
    }

    @Test
    void everyVariantTrainsOnATypedTableAndShowsItsColumns() {
        String dataset = uploadSynthetic();
        for (String variant : SPECS.keySet()) {
            JsonNode model = train(dataset, variant);
            assertThat(model.path("inputDim").asInt()).as(variant).isEqualTo(10);   // 4 numbers + 4 + 2 levels
            assertThat(model.path("columns")).as(variant).hasSize(6);
            assertThat(model.path("columns").get(4).path("levels").toString()).isEqualTo("[\"gold\",\"silver\"]");
            JsonNode history = api.get("/api/v1/models/" + model.path("id").asString() + "/metrics").json().path("epochs");
            JsonNode last = history.get(history.size() - 1).path("terms");
            assertThat(last.has("reconstructionCategorical") && last.has("validationCategoricalAccuracy"))
                    .as(variant + " " + last).isTrue();
        }
    }
}
