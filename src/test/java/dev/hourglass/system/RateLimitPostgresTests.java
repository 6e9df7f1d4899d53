package dev.hourglass.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import dev.hourglass.support.PostgresDatabase;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The buckets in PostgreSQL (migration V12) as two nodes see them: two connection pools and two proxy managers
 * over one schema draw from one bucket per key (skipped, with the reason, when no server is available).
 */
class RateLimitPostgresTests {

    private static PostgresDatabase database;
    private static HikariDataSource nodeA;
    private static HikariDataSource nodeB;

    private final RateLimitProperties properties = new RateLimitProperties(true, 1, 3);
    // 3 at once, then 1 an hour: no token comes back while a test runs, however slow the machine
    private final BucketConfiguration threeAnHour = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder().capacity(3).refillGreedy(1, Duration.ofHours(1)).build()).build();

    @BeforeAll
    static void migrate() {
        database = PostgresDatabase.find();
        if (database == null) {
            return;
        }
        Map<String, Object> spring = database.urlOnlyProperties();
        nodeA = pool(spring);
        nodeB = pool(spring);
        Flyway.configure().dataSource(nodeA).schemas((String) spring.get("spring.flyway.schemas"))
                .placeholders(Map.of(BlobType.PLACEHOLDER, "bytea")).load().migrate();
    }

    private static HikariDataSource pool(Map<String, Object> spring) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl((String) spring.get("spring.datasource.url"));
        pool.setUsername((String) spring.get("spring.datasource.username"));
        pool.setPassword((String) spring.get("spring.datasource.password"));
        pool.setMaximumPoolSize(2);
        return pool;
    }

    @BeforeEach
    void requirePostgres() {
        PostgresDatabase.assumeAvailable(database);
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            nodeA.close();
            nodeB.close();
            database.dropSchema();
        }
    }

    private static MockHttpServletResponse send(RateLimit node, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/jobs");
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        node.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private RateLimit node(javax.sql.DataSource dataSource) {
        return new RateLimit(new SharedRateBuckets(dataSource, threeAnHour), properties, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @Test
    void onPostgresTheBucketsAreTheSharedOnes() {
        assertThat(new RateLimitConfig().rateBuckets(nodeA, properties)).isInstanceOf(SharedRateBuckets.class);
    }

    @Test
    void twoNodesDrawFromOneBucketPerKey() throws Exception {
        RateLimit a = node(nodeA);
        RateLimit b = node(nodeB);
        assertThat(send(a, "192.0.2.1").getStatus()).isEqualTo(200);
        assertThat(send(b, "192.0.2.1").getStatus()).isEqualTo(200);
        assertThat(send(a, "192.0.2.1").getStatus()).isEqualTo(200);
        // the burst of 3 is spent across both nodes: neither has a token left for this key
        MockHttpServletResponse refused = send(b, "192.0.2.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(3000L, 3600L);
        assertThat(send(a, "192.0.2.1").getStatus()).isEqualTo(429);
        // another key is not affected
        assertThat(send(b, "192.0.2.2").getStatus()).isEqualTo(200);
    }

    @Test
    void aDatabaseThatIsGoneLetsRequestsThroughAndCountsThem() throws Exception {
        HikariDataSource closing = pool(database.urlOnlyProperties());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RateLimit node = new RateLimit(new SharedRateBuckets(closing, threeAnHour), properties, Clock.systemUTC(),
                registry);
        closing.close();
        // more than the burst: without the store nothing is limited, and nothing fails
        for (int i = 0; i < 5; i++) {
            assertThat(send(node, "192.0.2.3").getStatus()).isEqualTo(200);
        }
        assertThat(registry.counter("hourglass.ratelimit.store.failures").count()).isEqualTo(5);
    }
}
