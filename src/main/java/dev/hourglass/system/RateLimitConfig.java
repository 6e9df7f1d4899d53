package dev.hourglass.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request rate limit (RateLimit) on {@code /api/*}, unless {@code hourglass.rate-limit.enabled=false}. Health,
 * static files, the serving protocols and {@code /v3/api-docs} lie outside that path and are not limited.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "hourglass.rate-limit", name = "enabled", matchIfMissing = true)
class RateLimitConfig {

    /**
     * After Spring Security's filter chain ({@code SecurityProperties.DEFAULT_FILTER_ORDER}, -100), which sets the
     * rate key to the authenticated API key's id.
     */
    static final int ORDER = 0;

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

    /**
     * Shared through the database on PostgreSQL, where several nodes serve one client; in memory on H2, the
     * embedded single-node database. The vendor is read from the connection, as for the migrations (BlobType).
     */
    @Bean
    RateBuckets rateBuckets(DataSource dataSource, RateLimitProperties properties) {
        if (BlobType.isPostgres(productName(dataSource))) {
            log.info("Rate limit: {} requests/s, bursts of {}, per key, shared by all nodes in table {}",
                    properties.requestsPerSecond(), properties.burst(), SharedRateBuckets.TABLE);
            return new SharedRateBuckets(dataSource, properties);
        }
        log.info("Rate limit: {} requests/s, bursts of {}, per key, in this node's memory",
                properties.requestsPerSecond(), properties.burst());
        return new LocalRateBuckets(properties, TimeMeter.SYSTEM_NANOTIME);
    }

    @Bean
    FilterRegistrationBean<RateLimit> rateLimitFilter(RateBuckets buckets, RateLimitProperties properties,
            Clock clock, MeterRegistry registry) {
        FilterRegistrationBean<RateLimit> registration =
                new FilterRegistrationBean<>(new RateLimit(buckets, properties, clock, registry));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ORDER);
        return registration;
    }

    private static String productName(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database to tell its vendor: " + e.getMessage(), e);
        }
    }
}
