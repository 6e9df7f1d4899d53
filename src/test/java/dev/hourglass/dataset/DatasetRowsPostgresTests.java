package dev.hourglass.dataset;

import java.util.Arrays;

import dev.hourglass.HourglassApplication;
import dev.hourglass.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rows download on a real PostgreSQL server, where the blobs are {@code bytea} and {@code substring} must
 * take int positions (skipped, with the reason, when no server is available).
 */
class DatasetRowsPostgresTests extends DatasetRowsFlow {

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
        args = Arrays.copyOf(args, args.length + 1);
        args[args.length - 1] = "--server.port=0";
        app = new SpringApplicationBuilder(HourglassApplication.class).run(args);
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
}
