package dev.hourglass.dataset;

import dev.hourglass.support.PostgresApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The rows download on a real PostgreSQL server, where the blobs are {@code bytea} and {@code substring} must
 * take int positions (skipped, with the reason, when no server is available).
 */
class DatasetRowsPostgresTests extends DatasetRowsFlow {

    private static PostgresApplication app;

    @BeforeAll
    static void startOnPostgres() {
        app = PostgresApplication.start();
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

    @Override
    protected int port() {
        return app.port();
    }
}
