package dev.hourglass.flow;

import dev.hourglass.support.PostgresApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The same flow on a real PostgreSQL server (skipped, with the reason, when none is available). */
class PostgresEndToEndTests extends EndToEndFlow {

    private static PostgresApplication app;

    @BeforeAll
    static void startOnPostgres() {
        app = PostgresApplication.start("--hourglass.workers.polling-interval=200ms");
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
