package dev.hourglass.job;

import dev.hourglass.support.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The guarded, attempt-fenced updates of {@link TrainingJobRepositoryTests} on a real PostgreSQL server (skipped,
 * with the reason, when none is available).
 */
class TrainingJobRepositoryPostgresTests extends TrainingJobRepositoryTests {

    private static final PostgresDatabase DATABASE = PostgresDatabase.find();

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        if (DATABASE != null) {
            DATABASE.urlOnlyProperties().forEach((key, value) -> {
                if (!key.equals("spring.profiles.active")) {
                    registry.add(key, () -> value);
                }
            });
            // The slice has no system/BlobType, which finds the vendor from the connection in the full application.
            registry.add("spring.flyway.placeholders.blob_type", () -> "bytea");
        }
    }

    @BeforeEach
    void requirePostgres() {
        PostgresDatabase.assumeAvailable(DATABASE);
    }

    @AfterAll
    static void dropSchema() {
        if (DATABASE != null) {
            DATABASE.dropSchema();
        }
    }
}
