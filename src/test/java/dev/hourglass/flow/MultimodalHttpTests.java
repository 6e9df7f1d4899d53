package dev.hourglass.flow;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.hourglass.engine.FashionMnist;
import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A MULTIMODAL job over HTTP (DESIGN §8.4): Fashion-MNIST images as two modalities, each image's left
 * half (pixels p with p % 28 < 14) and its right half given as index ranges, with the classes as the
 * dataset's label column. The job reports the shared-space measures per epoch, the model lists its
 * modalities, and export and import keep its answers bit for bit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MultimodalHttpTests {

    static final int ROWS = 600;

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** The first {@link #ROWS} images as a JSON dataset (columns col0…col783) with their classes as labels. */
    private String labelledFashion() {
        float[] images = FashionMnist.fixture();
        int[] classes = FashionMnist.labels();
        List<float[]> rows = new ArrayList<>(ROWS);
        List<String> labels = new ArrayList<>(ROWS);
        for (int r = 0; r < ROWS; r++) {
            rows.add(java.util.Arrays.copyOfRange(images, r * 784, (r + 1) * 784));
            labels.add("class" + classes[r]);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "fmnist-600");
        body.put("rows", rows);
        body.put("labelColumn", "class");
        body.put("labels", labels);
        Api.Response created = api.postJson("/api/v1/datasets", Api.JSON.writeValueAsString(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** The half's pixels as one inclusive range per image row: "0-13", "28-41", … (left) or "14-27", … (right). */
    private static String halfRanges(boolean left) {
        return Api.JSON.writeValueAsString(IntStream.range(0, 28)
                .mapToObj(row -> (row * 28 + (left ? 0 : 14)) + "-" + (row * 28 + (left ? 13 : 27))).toList());
    }

    private static String spec(String dataset) {
        return """
                {"datasetId": "%s", "name": "halves", "variant": "MULTIMODAL", "encoder": [16],
                 "modalities": [{"name": "left", "columns": %s, "encoder": [64]},
                                {"name": "right", "columns": %s, "encoder": [64]}],
                 "multimodal": {"alignment": 0.1},
                 "training": {"epochs": 3, "batchSize": 32, "validationFraction": 0.2, "seed": 7, "threads": 1}}
                """.formatted(dataset, halfRanges(true), halfRanges(false));
    }

    @Test
    void trainsOnTwoHalvesReportsTheSharedSpaceAndAnswersTheSameAfterExportAndImport() {
        String dataset = labelledFashion();
        Api.Response submitted = api.postJson("/api/v1/jobs", spec(dataset));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        JsonNode echo = submitted.json().path("spec");
        assertThat(echo.path("multimodal").path("singleModalityFraction").asDouble()).as("the default, echoed")
                .isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(echo.path("multimodal").path("alignment").asDouble()).isEqualTo(0.1);
        assertThat(echo.path("modalities").get(1).path("columns").get(0).asString()).isEqualTo("14-27");

        JsonNode job = api.await("/api/v1/jobs/" + submitted.json().path("id").asString(),
                j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"), Duration.ofMinutes(3));
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        String model = "/api/v1/models/" + job.path("modelId").asString();

        JsonNode history = api.get(model + "/metrics").json().path("epochs");
        assertThat(history.size()).isEqualTo(3);
        JsonNode terms = history.get(2).path("terms");
        for (String measure : List.of("reconstruction.left", "reconstruction.right", "crossModal.left.right",
                "crossModal.right.left", "meanBaseline.left", "meanBaseline.right", "recallAt1", "recallAt10",
                "sharedRepresentation.left.right", "sharedRepresentation.right.left", "chance", "alignment")) {
            assertThat(terms.has(measure)).as("%s in %s", measure, terms).isTrue();
        }
        assertThat(terms.path("chance").asDouble()).as("ten classes").isEqualTo(0.1);
        assertThat(terms.path("sharedRepresentation.left.right").asDouble()).isBetween(0.0, 1.0);
        // three epochs on 480 rows prove the wiring, not the learning (the engine's tests measure that)
        assertThat(terms.path("crossModal.left.right").asDouble()).isPositive();
        assertThat(terms.path("meanBaseline.right").asDouble()).isPositive();
        assertThat(terms.path("recallAt10").asDouble()).isBetween(0.0, 1.0);

        JsonNode view = api.get(model).json();
        assertThat(view.path("variant").asString()).isEqualTo("MULTIMODAL");
        assertThat(view.path("inputDim").asInt()).isEqualTo(784);
        assertThat(view.path("codeDim").asInt()).isEqualTo(16);
        JsonNode modalities = view.path("modalities");
        assertThat(modalities.size()).isEqualTo(2);
        assertThat(modalities.get(0).path("name").asString()).isEqualTo("left");
        assertThat(modalities.get(0).path("width").asInt()).isEqualTo(392);
        assertThat(modalities.get(0).path("columns").get(14).asString()).as("the second image row's first pixel")
                .isEqualTo("col28");
        assertThat(modalities.get(1).path("columns").get(0).asString()).isEqualTo("col14");

        // rows in the model's order: the left half's pixels, then the right half's, as the view lists them
        List<Integer> order = new ArrayList<>();
        modalities.forEach(m -> m.path("columns").forEach(c -> order.add(Integer.parseInt(c.asString().substring(3)))));
        float[] images = FashionMnist.fixture();
        float[][] rows = new float[3][784];
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < 784; i++) {
                rows[r][i] = images[(ROWS + r) * 784 + order.get(i)];
            }
        }
        String instances = Api.JSON.writeValueAsString(Map.of("instances", rows));

        byte[] file = api.getBytes(model + "/export");
        Api.Response imported = api.upload("/api/v1/models/import", "halves.hgae", file);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().path("variant").asString()).isEqualTo("MULTIMODAL");
        assertThat(imported.json().path("modalities")).isEqualTo(modalities);
        assertThat(imported.json().path("weightsSha256").asString()).isEqualTo(view.path("weightsSha256").asString());
        for (String call : List.of("/encode", "/reconstruct", "/score")) {
            Api.Response original = api.postJson(model + call, instances);
            assertThat(original.status()).as(original.body()).isEqualTo(200);
            assertThat(api.postJson(imported.location() + call, instances).body()).as(call).isEqualTo(original.body());
        }
        assertThat(api.getBytes(imported.location() + "/export")).isEqualTo(file);

        // one half from the other, the rows of a half found across halves, a dataset's codes: as a client calls them
        float[][] left = new float[3][];
        for (int r = 0; r < 3; r++) {
            left[r] = java.util.Arrays.copyOf(rows[r], 392);
        }
        Api.Response crossModal = api.postJson(model + "/reconstruct",
                Api.JSON.writeValueAsString(Map.of("modalities", Map.of("left", left))));
        assertThat(crossModal.status()).as(crossModal.body()).isEqualTo(200);
        assertThat(crossModal.json().path("reconstructions").path("right").get(2).size()).isEqualTo(392);
        Api.Response nearest = api.postJson(model + "/nearest", Api.JSON.writeValueAsString(Map.of("from", "left",
                "to", "right", "datasetId", dataset, "k", 5, "rows", left)));
        assertThat(nearest.status()).as(nearest.body()).isEqualTo(200);
        assertThat(nearest.json().path("neighbours").get(0).size()).isEqualTo(5);
        Api.Response transform = api.postJson(model + "/transform", "{\"datasetId\": \"" + dataset
                + "\", \"output\": \"CODES\"}");
        JsonNode codes = api.awaitSucceeded(transform, Duration.ofMinutes(1));
        JsonNode derived = api.get("/api/v1/datasets/" + codes.path("resultDatasetId").asString()).json();
        assertThat(derived.path("columns").asInt()).isEqualTo(16);
    }

    @Test
    void badModalitiesAreInvalidSpecsNamingTheField() {
        String dataset = api.postJson("/api/v1/datasets", """
                {"name": "six", "columns": ["a", "b", "c", "d", "e", "f"], "rows": [[1,2,3,4,5,6],[2,1,4,3,6,5],[3,3,3,3,3,3]]}
                """).json().path("id").asString();
        Api.Response overlap = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "variant": "MULTIMODAL", "modalities": [
                   {"name": "x", "columns": ["a", "1-2"], "encoder": [2]},
                   {"name": "y", "columns": ["c", "d", "9"], "encoder": [2, 1]}]}
                """.formatted(dataset));
        assertProblem(overlap, 422, "invalid-spec");
        assertThat(overlap.json().path("errors").findValuesAsString("field"))
                .contains("modalities[1].columns[0]", "modalities[1].columns[2]", "modalities[1].encoder");
        Api.Response typed = api.postJson("/api/v1/jobs", """
                {"datasetId": "%s", "variant": "MULTIMODAL", "modalities": [
                   {"name": "x", "columns": ["a"], "encoder": [2]}, {"name": "y", "columns": ["kind"], "encoder": [2]}]}
                """.formatted(api.postJson("/api/v1/datasets", """
                {"name": "pets", "columns": ["a", "kind"], "rows": [[1, "cat"], [2, "dog"], [3, "cat"]]}
                """).json().path("id").asString()));
        assertProblem(typed, 422, "invalid-spec");
        assertThat(typed.json().path("errors").get(0).path("field").asString()).isEqualTo("modalities[1].columns");
        assertThat(typed.json().path("errors").get(0).path("reason").asString()).contains("numeric columns");
    }
}
