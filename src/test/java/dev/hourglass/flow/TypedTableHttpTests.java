package dev.hourglass.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Two object rows in the caller's units, one with a missing number and a missing level. */
    static final String ROWS = "{\"instances\": ["
            + "{\"x1\": 13.1, \"region\": \"north\", \"x2\": 12.5, \"x3\": 12.0, \"tier\": \"gold\", \"x4\": 10.9},"
            + "{\"x1\": 7.2, \"region\": null, \"x2\": null, \"x3\": 6.8, \"tier\": \"silver\", \"x4\": 10.5}]}";
    /** The same rows asking reconstruct for each level's probability (a field of reconstruct alone). */
    static final String ROWS_WITH_PROBABILITIES = ROWS.substring(0, ROWS.length() - 1) + ", \"probabilities\": true}";

    /** reconstruct answers object rows with level names and numbers; export and import keep every answer bit for bit. */
    void answersInTheTablesTermsThroughExportAndImport(String variant, String modelId) {
        Api.Response answer = api.postJson("/api/v1/models/" + modelId + "/reconstruct", ROWS_WITH_PROBABILITIES);
        assertThat(answer.status()).as(variant + " " + answer.body()).isEqualTo(200);
        JsonNode row = answer.json().path("reconstructions").get(1);
        assertThat(MixedTable.REGIONS).as(variant).contains(row.path("region").asString());
        assertThat(MixedTable.TIERS).as(variant).contains(row.path("tier").asString());
        assertThat(row.path("x2").isNumber()).as(variant + " " + row).isTrue();
        assertThat(answer.json().path("probabilities").get(0).path("region").size()).isEqualTo(4);
        Api.Response imputed = api.postJson("/api/v1/models/" + modelId + "/impute", ROWS);
        assertThat(imputed.status()).as(imputed.body()).isEqualTo(200);
        assertThat(imputed.json().path("imputed").get(1).toString()).isEqualTo("[\"region\",\"x2\"]");
        assertThat(imputed.json().path("instances").get(1).path("x3").asDouble()).isEqualTo(6.8);

        byte[] file = api.getBytes("/api/v1/models/" + modelId + "/export");
        Api.Response imported = api.upload("/api/v1/models/import", "model.hgae", file);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String copy = imported.json().path("id").asString();
        for (String call : new String[] {"reconstruct", "encode", "score", "impute"}) {
            String original = api.postJson("/api/v1/models/" + modelId + "/" + call, ROWS).body();
            assertThat(api.postJson("/api/v1/models/" + copy + "/" + call, ROWS).body()).as(variant + " " + call)
                    .isEqualTo(original);
        }
    }

    @Test
    void everyVariantTrainsOnATypedTableAndAnswersInItsTermsThroughExportAndImport() {
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
            answersInTheTablesTermsThroughExportAndImport(variant, model.path("id").asString());
        }
    }

    /**
     * The service end to end on the iris fixture with 10% of its cells blanked: upload, train, impute the rows
     * with gaps; the fills beat the column means (numbers) and the most frequent species.
     */
    @Test
    void imputingIrisOverHttpBeatsTheColumnMeansAndTheMode() {
        Table iris = MixedTable.iris();
        MixedTable.Hidden hidden = MixedTable.hide(iris, 0.1, 5);
        List<String> names = List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "species");
        List<List<String>> levels = java.util.Arrays.asList(null, null, null, null, MixedTable.SPECIES);
        String csv = MixedTable.csv(hidden.table(), names, levels);
        Api.Response uploaded = api.upload("/api/v1/datasets", "iris-gaps.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        Api.Response submitted = api.postJson("/api/v1/jobs", "{\"datasetId\": \"" + uploaded.json().path("id").asString()
                + "\", \"variant\": \"DENOISING\", \"encoder\": [16, 3], \"activation\": \"TANH\", "
                + "\"outputActivation\": \"LINEAR\", \"normalization\": \"ZSCORE\", "
                + "\"noise\": {\"type\": \"MASKING\", \"level\": 0.2}, \"training\": {\"epochs\": 300, "
                + "\"batchSize\": 32, \"learningRate\": 0.003, \"seed\": 7}}");
        String model = api.awaitSucceeded(submitted, Duration.ofMinutes(3)).path("modelId").asString();

        // the rows with gaps, as the client holds them: the hidden cells null
        StringBuilder rows = new StringBuilder("{\"instances\": [");
        List<Integer> rowIndex = new ArrayList<>();
        for (int r = 0; r < iris.rows(); r++) {
            boolean gap = false;
            for (int c = 0; c < 5; c++) {
                gap |= !hidden.table().present(r, c);
            }
            if (gap) {
                rows.append(rowIndex.isEmpty() ? "" : ",").append(MixedTable.json(hidden.table(), r, names, levels));
                rowIndex.add(r);
            }
        }
        Api.Response answer = api.postJson("/api/v1/models/" + model + "/impute", rows.append("]}").toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode filled = answer.json().path("instances");

        float[] values = iris.values().clone();
        for (int i : hidden.cells()) {
            JsonNode cell = filled.get(rowIndex.indexOf(i / 5)).path(names.get(i % 5));
            values[i] = i % 5 == 4 ? MixedTable.SPECIES.indexOf(cell.asString()) : (float) cell.asDouble();
        }
        MixedTable.Report report = MixedTable.score(iris, hidden, values);
        System.out.println("iris over HTTP, 10% of cells hidden: " + report);
        assertThat(report.ratio()).as(report.toString()).isLessThanOrEqualTo(0.7);
        assertThat(report.modelAccuracy()).as(report.toString()).isGreaterThan(report.modeAccuracy());
    }
}
