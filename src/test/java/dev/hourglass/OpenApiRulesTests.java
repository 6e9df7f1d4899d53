package dev.hourglass;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * What a client generator needs of the served OpenAPI document, operation by operation: a unique, meaningful
 * operation id (a verb and what it acts on, no {@code _1} suffixes), one tag, an example for every request body and
 * every answer with a body, and the errors it can give: 404 where the path names an id, 400 and 422 where it takes a
 * body, 500 everywhere (and 429 with Retry-After on {@code /api/v1}, which is rate limited); on {@code /api/v1} each of them {@code application/problem+json} with the Problem schema
 * (the serving protocols {@code /v1} and {@code /v2} answer errors in their own shapes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiRulesTests {

    /** An operation id: a verb of this list, then what it acts on. */
    static final Pattern ID = Pattern.compile("^(list|get|create|delete|submit|cancel|stream|encode|decode|reconstruct"
            + "|sample|score|impute|find|import|export|revoke|kserve|tfServing)[A-Z][A-Za-z]*$");
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @LocalServerPort
    int port;

    record Op(String method, String path, JsonNode node) {
        String name() {
            return method.toUpperCase() + " " + path;
        }

        boolean problemJson() {
            return path.startsWith("/api/v1/");
        }
    }

    List<Op> operations;

    @BeforeEach
    void read() {
        Api.Response served = new Api(port).get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : served.json().get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Op(op.getKey(), path.getKey(), op.getValue()));
                }
            }
        }
        assertThat(operations).hasSizeGreaterThan(30);
    }

    @Test
    void everyOperationHasAUniqueMeaningfulIdAndOneTag() {
        Map<String, String> seen = new HashMap<>();
        for (Op op : operations) {
            String id = op.node().path("operationId").asString("");
            assertThat(id).as("operationId of " + op.name()).matches(ID);
            assertThat(seen.put(id, op.name())).as("operationId " + id + " is also " + seen.get(id)).isNull();
            assertThat(op.node().path("tags").size()).as("tags of " + op.name()).isEqualTo(1);
        }
    }

    @Test
    void everyRequestBodyAndEveryAnswerWithABodyHasAnExample() {
        for (Op op : operations) {
            for (Map.Entry<String, JsonNode> media : op.node().path("requestBody").path("content").properties()) {
                assertThat(hasExample(media.getValue())).as("example of the " + media.getKey() + " body of " + op.name())
                        .isTrue();
            }
            for (Map.Entry<String, JsonNode> response : op.node().path("responses").properties()) {
                if (!response.getKey().startsWith("2")) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> media : response.getValue().path("content").properties()) {
                    if (media.getKey().equals("application/octet-stream")) {
                        continue;   // a file's bytes
                    }
                    assertThat(hasExample(media.getValue()))
                            .as("example of the " + response.getKey() + " " + media.getKey() + " answer of " + op.name())
                            .isTrue();
                }
            }
        }
    }

    @Test
    void theTrainingSpecHasAnExampleForEveryVariant() {
        Op submit = operations.stream().filter(op -> op.node().path("operationId").asString("").equals("submitJob"))
                .findFirst().orElseThrow();
        JsonNode examples = submit.node().path("requestBody").path("content").path("application/json").path("examples");
        List<String> variants = new ArrayList<>();
        for (JsonNode example : examples) {
            variants.add(example.path("value").path("variant").asString(""));
        }
        assertThat(variants).containsExactlyInAnyOrder("BASIC", "DENOISING", "SPARSE", "CONTRACTIVE", "VARIATIONAL",
                "STACKED", "MULTIMODAL");
    }

    @Test
    void everyOperationDocumentsTheErrorsItCanGive() {
        for (Op op : operations) {
            JsonNode responses = op.node().path("responses");
            List<String> statuses = new ArrayList<>();
            responses.properties().forEach(e -> statuses.add(e.getKey()));
            assertThat(statuses).as("error answers of " + op.name()).anyMatch(s -> s.compareTo("400") >= 0);
            if (op.path().contains("{id}")) {
                assertThat(statuses).as("answers of " + op.name()).contains("404");
            }
            if (op.node().has("requestBody")) {
                assertThat(statuses).as("answers of " + op.name()).contains("400");
                if (op.problemJson()) {
                    assertThat(statuses).as("answers of " + op.name()).contains("413", "415", "422");
                }
            }
            if (op.problemJson()) {
                // every /api/v1 call is rate limited (429 rate-limited with Retry-After)
                assertThat(statuses).as("answers of " + op.name()).contains("429", "500");
                assertThat(responses.path("429").path("headers").has("Retry-After"))
                        .as("Retry-After of the 429 of " + op.name()).isTrue();
            }
            for (Map.Entry<String, JsonNode> response : responses.properties()) {
                if (response.getKey().compareTo("400") < 0) {
                    continue;
                }
                String what = response.getKey() + " of " + op.name();
                assertThat(response.getValue().path("description").asString("")).as("description of " + what).isNotBlank();
                JsonNode content = response.getValue().path("content");
                if (op.problemJson()) {
                    assertThat(content.path("application/problem+json").path("schema").path("$ref").asString(""))
                            .as("schema of " + what).isEqualTo("#/components/schemas/Problem");
                } else {
                    assertThat(content.path("application/json").path("schema").isMissingNode())
                            .as("schema of " + what + " (the protocol's own error shape)").isFalse();
                }
            }
        }
    }

    @Test
    void everyOperationThatLoadsAModelDocumentsTheAnswerOfAModelStillLoading() {
        List<String> loading = new ArrayList<>();
        for (Op op : operations) {
            String tag = op.node().path("tags").path(0).asString("");
            boolean loadsAModel = tag.equals("Inference")
                    || (!op.problemJson() && op.path().contains("{id}"));   // /v1 and /v2 operations on a model
            if (loadsAModel) {
                loading.add(op.name());
                JsonNode answer = op.node().path("responses").path("503");
                assertThat(answer.isMissingNode()).as("503 of " + op.name()).isFalse();
                if (op.problemJson()) {
                    assertThat(answer.path("description").asString("")).as("503 of " + op.name())
                            .startsWith("model-loading");
                }
            }
        }
        assertThat(loading).contains("POST /api/v1/models/{id}/encode", "POST /api/v1/models/{id}/score",
                "POST /v1/models/{id}:predict", "POST /v2/models/{id}/infer");
    }

    private static boolean hasExample(JsonNode media) {
        return media.hasNonNull("example") || media.path("examples").size() > 0;
    }
}
