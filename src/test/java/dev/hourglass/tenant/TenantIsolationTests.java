package dev.hourglass.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * API_KEY mode over real HTTP: tenant B never reaches tenant A's rows, whatever the operation, and keys are checked
 * as DESIGN §8.6 says (401 without a valid key, 403 for a USER key on the admin API and Prometheus).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hourglass.security.mode=API_KEY", "hourglass.security.admin-key=" + TenantIsolationTests.ADMIN_KEY})
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationTests {

    static final String ADMIN_KEY = "test-bootstrap-admin-key";
    static final String METHODS = "get|put|post|delete|patch";

    @LocalServerPort
    int port;

    KeyedClient admin;
    KeyedClient a;
    KeyedClient b;
    String datasetA;
    String jobA;
    String modelA;
    String datasetB;

    @BeforeAll
    void twoTenantsAndTheRowsOfA() {
        admin = new KeyedClient(port, ADMIN_KEY);
        a = admin.as(userKey(tenant("tenant a")));
        b = admin.as(userKey(tenant("tenant b")));
        datasetA = dataset(a, "a's data");
        datasetB = dataset(b, "b's data");
        Api.Response submitted = a.postJson("/api/v1/jobs", spec(datasetA), "Idempotency-Key", "same-key");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        jobA = submitted.json().path("id").asString();
        modelA = a.awaitSucceeded(jobA).path("modelId").asString();
    }

    String tenant(String name) {
        Api.Response created = admin.postJson("/api/v1/admin/tenants", "{\"name\": \"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    String userKey(String tenantId) {
        Api.Response created = admin.postJson("/api/v1/admin/keys",
                "{\"tenantId\": \"" + tenantId + "\", \"role\": \"USER\", \"name\": \"test\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("tenantId").asString()).isEqualTo(tenantId);
        return created.json().path("key").asString();
    }

    static String dataset(KeyedClient client, String name) {
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < 40; r++) {
            rows.append(r == 0 ? "" : ",").append("[%d,%d,%d,%d]".formatted(r % 5, r % 3, r % 7, r % 2));
        }
        Api.Response created = client.postJson("/api/v1/datasets", "{\"name\":\"" + name + "\",\"rows\":[" + rows + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    static String spec(String datasetId) {
        return """
                {"datasetId": "%s", "encoder": [2], "training": {"epochs": 2, "batchSize": 8}}""".formatted(datasetId);
    }

    /** A body each operation takes (so that it gets as far as looking its id up); none for the others. */
    String body(String operationId) {
        return switch (operationId) {
            case "encodeRows", "reconstructRows", "scoreRows", "imputeRows", "tfServingPredict" ->
                    "{\"instances\": [[1, 2, 3, 1]]}";
            case "decodeCodes" -> "{\"codes\": [[0.5, 0.5]]}";
            case "sampleFromPrior" -> "{\"count\": 1}";
            case "findNearestRows" -> "{\"datasetId\": \"" + datasetB + "\", \"from\": \"x\", \"to\": \"y\", \"rows\": [[1]]}";
            case "submitTransform" -> "{\"datasetId\": \"" + datasetB + "\", \"output\": \"CODES\"}";
            case "kserveInfer" -> "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4], \"datatype\": \"FP32\","
                    + " \"data\": [1, 2, 3, 1]}]}";
            default -> null;
        };
    }

    /** A's id for a path, by the resource it names; a path naming a new kind of id fails here until it is added. */
    String idOfA(String path) {
        if (path.startsWith("/api/v1/datasets/")) {
            return datasetA;
        }
        if (path.startsWith("/api/v1/jobs/")) {
            return jobA;
        }
        if (path.startsWith("/api/v1/models/") || path.startsWith("/v1/models/") || path.startsWith("/v2/models/")) {
            return modelA;
        }
        throw new AssertionError("no id of tenant A for " + path + "; add its resource to this test");
    }

    @Test
    void everyOperationOnAnIdAnswersAnotherTenantAsIfTheIdDidNotExist() {
        JsonNode paths = b.as(null).get("/v3/api-docs").json().path("paths");
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            if (!path.getKey().contains("{") || path.getKey().startsWith("/api/v1/admin/")) {
                continue;   // no id, or the admin API, which a USER key never reaches (see the 403 test)
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!operation.getKey().matches(METHODS)) {
                    continue;
                }
                String method = operation.getKey().toUpperCase();
                String operationId = operation.getValue().path("operationId").asString();
                String body = body(operationId);
                String[] headers = body == null ? new String[0] : new String[] {"Content-Type", "application/json"};
                String of = path.getKey().replaceAll("\\{[^}]+}", idOfA(path.getKey()));
                String missing = path.getKey().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                Api.Response asB = b.send(method, of, body, headers);
                Api.Response unknown = b.send(method, missing, body, headers);
                assertThat(asB.status()).as(operationId + " by B on A's id: " + asB.body()).isEqualTo(404);
                assertThat(unknown.status()).as(operationId + " by B on an unknown id").isEqualTo(404);
                if (path.getKey().startsWith("/api/v1/")) {
                    assertThat(asB.problemType()).as(operationId).isEqualTo("not-found");
                    assertThat(asB.json().path("detail").asString().replace(idOfA(path.getKey()), "ID"))
                            .as(operationId + ": the same answer as for a missing id")
                            .isEqualTo(unknown.json().path("detail").asString()
                                    .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID"));
                }
                checked.add(operationId);
            }
        }
        assertThat(checked).contains("getDataset", "deleteDataset", "getDatasetRows", "getDatasetHistograms", "getJob",
                "cancelJob", "streamJobEvents", "getJobMetrics", "getModel", "exportModel", "getModelMetrics",
                "encodeRows", "decodeCodes", "reconstructRows", "scoreRows", "sampleFromPrior", "imputeRows",
                "findNearestRows", "getProjection", "submitTransform", "tfServingPredict", "kserveModelMetadata",
                "kserveModelReady", "kserveInfer");
        // and B's delete and cancel left A's rows alone
        assertThat(a.get("/api/v1/datasets/" + datasetA).status()).isEqualTo(200);
        assertThat(a.get("/api/v1/jobs/" + jobA).json().path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(a.get("/api/v1/models/" + modelA + "/export").status()).isEqualTo(200);
    }

    @Test
    void listsShowTheCallersOwnRowsAndAnAdminSeesEveryTenants() {
        assertThat(ids(b, "/api/v1/datasets")).contains(datasetB).doesNotContain(datasetA);
        assertThat(ids(b, "/api/v1/jobs")).doesNotContain(jobA);
        assertThat(ids(b, "/api/v1/models")).doesNotContain(modelA);
        assertThat(ids(a, "/api/v1/datasets")).contains(datasetA).doesNotContain(datasetB);
        assertThat(ids(a, "/api/v1/jobs")).contains(jobA);
        assertThat(ids(a, "/api/v1/models")).contains(modelA);
        assertThat(ids(admin, "/api/v1/datasets")).contains(datasetA, datasetB);
        assertThat(ids(admin, "/api/v1/models")).contains(modelA);
        assertThat(b.get("/api/v1/datasets").json().path("totalItems").asLong())
                .isEqualTo(ids(b, "/api/v1/datasets").size());
    }

    static List<String> ids(KeyedClient client, String path) {
        Api.Response page = client.get(path + "?size=100");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    @Test
    void anIdempotencyKeyIsScopedToItsTenant() {
        Api.Response replayed = a.postJson("/api/v1/jobs", spec(datasetA), "Idempotency-Key", "same-key");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.json().path("id").asString()).isEqualTo(jobA);

        Api.Response ofB = b.postJson("/api/v1/jobs", spec(datasetB), "Idempotency-Key", "same-key");
        assertThat(ofB.status()).as(ofB.body()).isEqualTo(202);
        assertThat(ofB.json().path("id").asString()).isNotEqualTo(jobA);
        assertThat(ofB.json().path("datasetId").asString()).isEqualTo(datasetB);
        // B's job is B's: A cannot see it
        assertThat(a.get("/api/v1/jobs/" + ofB.json().path("id").asString()).status()).isEqualTo(404);
    }

    @Test
    void noKeyAnUnknownKeyAndARevokedKeyAre401() {
        KeyedClient anonymous = admin.as(null);
        Api.Response none = anonymous.get("/api/v1/datasets");
        assertProblem(none, 401, "unauthorized");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(admin.as("hgk_000000000000_nonsense").get("/api/v1/datasets"), 401, "unauthorized");
        Api.Response protocol = admin.as("not even the shape of a key").get("/v1/models/" + modelA);
        assertThat(protocol.status()).isEqualTo(401);   // the serving protocols' own error shape, {"error": "…"}
        assertThat(protocol.json().path("error").asString()).contains("unknown or revoked");
        assertThat(protocol.header("WWW-Authenticate")).isEqualTo("Bearer");

        Api.Response created = admin.postJson("/api/v1/admin/keys",
                "{\"tenantId\": \"" + Tenancy.DEFAULT_TENANT + "\", \"role\": \"USER\"}");
        String key = created.json().path("key").asString();
        assertThat(admin.as(key).get("/api/v1/datasets").status()).isEqualTo(200);
        assertThat(anonymous.send("GET", "/api/v1/datasets", null, "X-API-Key", key).status()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/admin/keys/" + created.json().path("id").asString()).status()).isEqualTo(204);
        assertProblem(admin.as(key).get("/api/v1/datasets"), 401, "unauthorized");
        assertProblem(anonymous.send("GET", "/api/v1/datasets", null, "X-API-Key", key), 401, "unauthorized");
    }

    @Test
    void aUserKeyIsForbiddenOnTheAdminApiAndPrometheus() {
        assertProblem(a.get("/api/v1/admin/tenants"), 403, "forbidden");
        assertProblem(a.get("/api/v1/admin/keys"), 403, "forbidden");
        assertProblem(a.postJson("/api/v1/admin/tenants", "{\"name\": \"mine\"}"), 403, "forbidden");
        assertProblem(a.get("/actuator/prometheus"), 403, "forbidden");
        assertProblem(a.get("/actuator/metrics"), 403, "forbidden");
        assertProblem(admin.as(null).get("/actuator/prometheus"), 401, "unauthorized");
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/admin/tenants").status()).isEqualTo(200);
    }

    @Test
    void healthTheDashboardAndTheApiDocsArePublicAndHealthShowsNoDetailsToAnonymousCallers() {
        KeyedClient anonymous = admin.as(null);
        Api.Response health = anonymous.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("diskSpace").doesNotContain("path");
        assertThat(admin.get("/actuator/health").body()).contains("diskSpace");
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void theAdminApiValidatesItsInput() {
        assertProblem(admin.postJson("/api/v1/admin/tenants", "{}"), 422, "validation");
        assertProblem(admin.postJson("/api/v1/admin/tenants", "{\"name\": \"" + "x".repeat(201) + "\"}"), 422,
                "validation");
        assertProblem(admin.postJson("/api/v1/admin/keys", "{\"role\": \"USER\"}"), 422, "validation");
        assertProblem(admin.postJson("/api/v1/admin/keys", "{\"tenantId\": \"" + UUID.randomUUID()
                + "\", \"role\": \"USER\"}"), 422, "validation");
        assertProblem(admin.postJson("/api/v1/admin/keys", "{\"tenantId\": \"" + Tenancy.DEFAULT_TENANT
                + "\", \"role\": \"ROOT\"}"), 422, "validation");
        assertProblem(admin.delete("/api/v1/admin/keys/" + UUID.randomUUID()), 404, "not-found");
        JsonNode keys = admin.get("/api/v1/admin/keys").json();
        assertThat(keys.isArray()).isTrue();
        keys.forEach(key -> assertThat(key.has("key")).as("a listed key shows no secret").isFalse());
    }

    static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo(type);
    }
}
