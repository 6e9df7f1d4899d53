package dev.hourglass.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server for tests: the one named by {@code HOURGLASS_TEST_POSTGRES_URL} (CI points it
 * at the local server), else a Testcontainers PostgreSQL 16 where a Docker engine exists, else the
 * calling test is skipped with a message. Each test class gets its own schema, dropped afterwards.
 */
public final class PostgresDatabase {

    private static PostgreSQLContainer container;

    private final String url;
    private final String user;
    private final String password;
    private final String schema = "hg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    private PostgresDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static final String SKIP_REASON = "PostgreSQL tests skipped: set HOURGLASS_TEST_POSTGRES_URL "
            + "(e.g. jdbc:postgresql://127.0.0.1:5432/test) or provide a Docker engine for Testcontainers";

    /** Finds a server, or returns null when there is none. */
    public static synchronized PostgresDatabase find() {
        String url = System.getenv("HOURGLASS_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresDatabase(url, env("HOURGLASS_TEST_POSTGRES_USER", "postgres"),
                    env("HOURGLASS_TEST_POSTGRES_PASSWORD", ""));
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            return null;
        }
        if (container == null) {
            container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
        }
        return new PostgresDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    /** Skips the calling test, with the reason, when there is no server; call it from {@code @BeforeEach}. */
    public static void assumeAvailable(PostgresDatabase database) {
        Assumptions.assumeTrue(database != null, SKIP_REASON);
    }

    /** Spring properties that put the application (Flyway, JPA, db-scheduler) into this test's schema. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.HashMap<>(urlOnlyProperties());
        properties.put("spring.profiles.active", "test,postgres");
        return properties;
    }

    /**
     * What an operator sets to use PostgreSQL: only the URL (in this test's schema) and the credentials, without
     * the {@code postgres} profile or any Flyway placeholder.
     */
    public Map<String, Object> urlOnlyProperties() {
        String separator = url.contains("?") ? "&" : "?";
        return Map.of(
                "spring.profiles.active", "test",
                "spring.datasource.url", url + separator + "currentSchema=" + schema,
                "spring.datasource.username", user,
                "spring.datasource.password", password,
                "spring.flyway.schemas", schema);
    }

    public void dropSchema() {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
