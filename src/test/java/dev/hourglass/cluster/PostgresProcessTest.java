package dev.hourglass.cluster;

import java.util.Map;

import dev.hourglass.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Multi-process tests share one PostgreSQL schema per class; without a server each test is skipped. */
abstract class PostgresProcessTest {

    static PostgresDatabase database;
    static Map<String, Object> properties;

    @BeforeAll
    static void database() {
        database = PostgresDatabase.find();
        properties = database == null ? Map.of() : database.properties();
    }

    @BeforeEach
    void requirePostgres() {
        PostgresDatabase.assumeAvailable(database);
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            database.dropSchema();
        }
    }
}
