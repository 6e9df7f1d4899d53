package dev.hourglass.support;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.hourglass.HourglassApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application on a random port against the PostgreSQL server {@link PostgresDatabase#find()} names,
 * in a schema of its own that {@link #close()} drops; without a server, {@link #start} gives null and the
 * tests skip themselves with {@link #assumeStarted}.
 */
public final class PostgresApplication implements AutoCloseable {

    private final PostgresDatabase database;
    private final ConfigurableApplicationContext app;

    private PostgresApplication(PostgresDatabase database, ConfigurableApplicationContext app) {
        this.database = database;
        this.app = app;
    }

    /** Starts the application with {@code args} (e.g. {@code --hourglass.workers.polling-interval=200ms}), or null. */
    public static PostgresApplication start(String... args) {
        return start(PostgresDatabase::properties, args);
    }

    /** Started as an operator would: with only the database URL and credentials (no postgres profile), or null. */
    public static PostgresApplication startWithUrlOnly(String... args) {
        return start(PostgresDatabase::urlOnlyProperties, args);
    }

    private static PostgresApplication start(Function<PostgresDatabase, Map<String, Object>> properties,
            String... args) {
        PostgresDatabase database = PostgresDatabase.find();
        if (database == null) {
            return null;
        }
        String[] all = Stream.concat(properties.apply(database).entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue()),
                Stream.concat(Stream.of("--server.port=0"), Stream.of(args))).toArray(String[]::new);
        return new PostgresApplication(database, new SpringApplicationBuilder(HourglassApplication.class).run(all));
    }

    /** Skips the calling test, saying why, when {@link #start} found no server. */
    public static void assumeStarted(PostgresApplication app) {
        PostgresDatabase.assumeAvailable(app == null ? null : app.database);
    }

    public int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @Override
    public void close() {
        app.close();
        database.dropSchema();
    }
}
