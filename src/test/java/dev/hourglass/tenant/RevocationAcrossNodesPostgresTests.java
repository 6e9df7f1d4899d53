package dev.hourglass.tenant;

import static dev.hourglass.tenant.TenantIsolationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hourglass.HourglassApplication;
import dev.hourglass.support.Api;
import dev.hourglass.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL schema: a key revoked through node 1 is refused by node 2 on its very next request
 * (keys are looked up in the database per request; nothing is cached that could miss the revocation).
 */
class RevocationAcrossNodesPostgresTests {

    static final String ADMIN_KEY = "two-node-admin-key";

    private static PostgresDatabase database;
    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @BeforeAll
    static void twoNodes() {
        database = PostgresDatabase.find();
        if (database == null) {
            return;
        }
        for (String node : List.of("node-1", "node-2")) {
            List<String> args = new ArrayList<>();
            for (Map.Entry<String, Object> p : database.properties().entrySet()) {
                args.add("--" + p.getKey() + "=" + p.getValue());
            }
            args.addAll(List.of("--server.port=0", "--hourglass.security.mode=API_KEY",
                    "--hourglass.security.admin-key=" + ADMIN_KEY, "--hourglass.workers.node-name=" + node));
            nodes.add(new SpringApplicationBuilder(HourglassApplication.class).run(args.toArray(String[]::new)));
        }
    }

    @BeforeEach
    void requirePostgres() {
        PostgresDatabase.assumeAvailable(database);
    }

    @AfterAll
    static void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.dropSchema();
        }
    }

    static int port(int node) {
        return ((WebServerApplicationContext) nodes.get(node)).getWebServer().getPort();
    }

    @Test
    void aKeyRevokedThroughOneNodeIsRefusedAtOnceByTheOther() {
        KeyedClient admin1 = new KeyedClient(port(0), ADMIN_KEY);
        String tenant = admin1.postJson("/api/v1/admin/tenants", "{\"name\": \"t\"}").json().path("id").asString();
        Api.Response created = admin1.postJson("/api/v1/admin/keys",
                "{\"tenantId\": \"" + tenant + "\", \"role\": \"USER\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().path("key").asString();
        KeyedClient onNode2 = new KeyedClient(port(1), key);
        assertThat(onNode2.get("/api/v1/datasets").status()).isEqualTo(200);

        assertThat(admin1.delete("/api/v1/admin/keys/" + created.json().path("id").asString()).status())
                .isEqualTo(204);

        assertProblem(onNode2.get("/api/v1/datasets"), 401, "unauthorized");
        assertProblem(new KeyedClient(port(0), key).get("/api/v1/datasets"), 401, "unauthorized");
    }
}
