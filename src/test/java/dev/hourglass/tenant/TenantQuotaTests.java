package dev.hourglass.tenant;

import static dev.hourglass.tenant.TenantIsolationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Per-tenant quotas over real HTTP, with small limits: stored bytes and queued jobs are a 429 quota-exceeded naming
 * the quota, with Retry-After; a tenant at its running-jobs quota keeps its next job queued while a worker is free.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hourglass.security.mode=API_KEY", "hourglass.security.admin-key=" + TenantQuotaTests.ADMIN_KEY,
        "hourglass.limits.tenant.max-stored-bytes=3KB", "hourglass.limits.tenant.max-queued-jobs=1",
        "hourglass.limits.tenant.max-running-jobs=1", "hourglass.workers.pool-size=2",
        "hourglass.workers.threads-per-job=1"})
@ActiveProfiles("test")
class TenantQuotaTests {

    static final String ADMIN_KEY = "quota-admin-key";

    @LocalServerPort
    int port;

    KeyedClient tenant;

    @BeforeEach
    void aFreshTenant() {
        KeyedClient admin = new KeyedClient(port, ADMIN_KEY);
        String id = admin.postJson("/api/v1/admin/tenants", "{\"name\": \"quota\"}").json().path("id").asString();
        tenant = admin.as(admin.postJson("/api/v1/admin/keys", "{\"tenantId\": \"" + id + "\", \"role\": \"USER\"}")
                .json().path("key").asString());
    }

    @Test
    void anUploadOverTheStoredBytesQuotaIs429NamingIt() {
        // 40 rows of "[a,b,c,d]" are about 0.4 KB of JSON: the sixth or so of them passes 3 KB
        Api.Response refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            Api.Response answer = tenant.postJson("/api/v1/datasets", "{\"name\":\"d\",\"rows\":" + rows(40) + "}");
            if (answer.status() != 201) {
                refused = answer;
            }
        }
        assertThat(refused).as("an upload refused within 20").isNotNull();
        assertProblem(refused, 429, "quota-exceeded");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.json().path("errors").get(0).path("reason").asString()).isEqualTo("stored-bytes");
        // another tenant (the bootstrap admin's) is not held back by this one's quota
        assertThat(tenant.as(ADMIN_KEY).postJson("/api/v1/datasets", "{\"name\":\"d\",\"rows\":" + rows(2) + "}")
                .status()).isEqualTo(201);
    }

    @Test
    void aTenantAtItsRunningQuotaKeepsItsNextJobQueuedAndAtItsQueuedQuotaIsRefused() {
        String dataset = tenant.postJson("/api/v1/datasets", "{\"name\":\"d\",\"rows\":" + rows(40) + "}")
                .json().path("id").asString();
        String slow = """
                {"datasetId": "%s", "encoder": [2], "training": {"epochs": 100000, "batchSize": 1}}""".formatted(dataset);
        String first = tenant.postJson("/api/v1/jobs", slow).json().path("id").asString();
        awaitStatus(first, "RUNNING");
        String second = tenant.postJson("/api/v1/jobs", slow).json().path("id").asString();
        // Two workers, one busy: the second job would start at the next poll (200 ms) but for the quota. It is
        // still queued once the first has trained two more epochs (each takes longer than a poll).
        int epoch = tenant.get("/api/v1/jobs/" + first).json().path("epoch").asInt();
        while (tenant.get("/api/v1/jobs/" + first).json().path("epoch").asInt() < epoch + 2) {
            KeyedClient.pause();
        }
        assertThat(tenant.get("/api/v1/jobs/" + second).json().path("status").asString()).isEqualTo("QUEUED");

        Api.Response third = tenant.postJson("/api/v1/jobs", slow);
        assertProblem(third, 429, "quota-exceeded");
        assertThat(third.header("Retry-After")).isNotBlank();
        assertThat(third.json().path("errors").get(0).path("reason").asString()).isEqualTo("queued-jobs");

        tenant.send("POST", "/api/v1/jobs/" + first + "/cancel", null);
        awaitStatus(second, "RUNNING");
        tenant.send("POST", "/api/v1/jobs/" + second + "/cancel", null);
        awaitStatus(second, "CANCELLED");
    }

    void awaitStatus(String job, String status) {
        for (int i = 0; i < 600; i++) {
            if (tenant.get("/api/v1/jobs/" + job).json().path("status").asString().equals(status)) {
                return;
            }
            KeyedClient.pause();
        }
        throw new AssertionError("job " + job + " never reached " + status + ": " + tenant.get("/api/v1/jobs/" + job).body());
    }

    static String rows(int count) {
        StringBuilder rows = new StringBuilder("[");
        for (int r = 0; r < count; r++) {
            rows.append(r == 0 ? "" : ",").append("[%d,%d,%d,%d]".formatted(r % 5, r % 3, r % 7, r % 2));
        }
        return rows.append("]").toString();
    }
}
