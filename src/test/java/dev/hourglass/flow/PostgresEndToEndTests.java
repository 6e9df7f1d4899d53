package dev.hourglass.flow;

import dev.hourglass.HourglassApplication;
import dev.hourglass.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The same flow on a real PostgreSQL server (skipped, with the reason, when none is available). */
class PostgresEndToEndTests extends EndToEndFlow {

    private static PostgresDatabase database;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void startOnPostgres() {
        database = PostgresDatabase.find();
        if (database == null) {
            return;
        }
        String[] args = database.properties().entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        app = new SpringApplicationBuilder(HourglassApplication.class)
                .run(concat(args, "--server.port=0", "--hourglass.workers.polling-interval=200ms"));
    }

    @BeforeEach
    void requirePostgres() {
        PostgresDatabase.assumeAvailable(database);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.dropSchema();
        }
    }

    @Override
    protected int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
