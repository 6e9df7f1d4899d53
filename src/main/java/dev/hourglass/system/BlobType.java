package dev.hourglass.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * The migrations' {@code ${blob_type}} on PostgreSQL is {@code bytea} whatever the profile, so that
 * {@code HOURGLASS_DB_URL=jdbc:postgresql://…} alone works: the vendor is read from the connection Flyway migrates.
 * It used to be set by the {@code postgres} profile only, and a PostgreSQL URL without that profile failed at
 * start with {@code type "varbinary" does not exist}. Elsewhere (H2) the configured value stays, application.yml's
 * {@code varbinary}, which also serves test slices that do not scan this component.
 */
@Component
class BlobType implements FlywayConfigurationCustomizer {

    static final String PLACEHOLDER = "blob_type";

    @Override
    public void customize(FluentConfiguration configuration) {
        if (isPostgres(productName(configuration.getDataSource()))) {
            Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
            placeholders.put(PLACEHOLDER, "bytea");
            configuration.placeholders(placeholders);
        }
    }

    static boolean isPostgres(String databaseProductName) {
        return "PostgreSQL".equalsIgnoreCase(databaseProductName);
    }

    private static String productName(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to tell its vendor: " + e.getMessage(), e);
        }
    }
}
