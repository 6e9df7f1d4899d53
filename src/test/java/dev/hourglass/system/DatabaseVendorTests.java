package dev.hourglass.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.support.Api;
import dev.hourglass.support.PostgresApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code HOURGLASS_DB_URL=jdbc:postgresql://…} alone (no {@code postgres} profile) migrates PostgreSQL with its
 * own blob type and runs; H2 is every other test's database. Skipped, with the reason, without a server.
 */
class DatabaseVendorTests {

    private static PostgresApplication app;

    @BeforeAll
    static void startWithOnlyTheUrl() {
        app = PostgresApplication.startWithUrlOnly();
    }

    @BeforeEach
    void requirePostgres() {
        PostgresApplication.assumeStarted(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPostgresUrlAloneMigratesAndStoresDatasets() {
        Api api = new Api(app.port());
        Api.Response created = api.postJson("/api/v1/datasets",
                "{\"name\": \"xor\", \"columns\": [\"a\", \"b\"], \"rows\": [[0, 0], [0, 1], [1, 0], [1, 1]]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response rows = api.get("/api/v1/datasets/" + created.json().path("id").asString() + "/rows?format=csv");
        assertThat(rows.status()).isEqualTo(200);
        assertThat(rows.body()).contains("1,1");
    }
}
