package dev.hourglass.system;

import java.time.Duration;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The buckets in PostgreSQL's {@code rate_limit_bucket} (migration V12), through Bucket4j's proxy manager: each
 * request reads and rewrites its key's row under {@code select … for update}, so every node draws from the same
 * bucket and a client cannot multiply its limit by the number of nodes. A key's requests that arrive on one node
 * while its row is being updated are batched into the next update (Bucket4j's batching optimization, exact: it
 * grants what the requests one by one would have been granted), so a busy key costs one round trip per batch rather
 * than one row lock per request, which serialized a client's requests behind each other (about 100 requests/s).
 */
final class SharedRateBuckets implements RateBuckets {

    static final String TABLE = "rate_limit_bucket";

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
    private final BucketConfiguration configuration;
    /** One proxy per key, so that concurrent requests of a key meet in its batch; idle keys are forgotten. */
    private final Cache<String, BucketProxy> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(5))
            .build();

    SharedRateBuckets(DataSource dataSource, RateLimitProperties properties) {
        this(dataSource, RateBuckets.configuration(properties));
    }

    SharedRateBuckets(DataSource dataSource, BucketConfiguration configuration) {
        this.configuration = configuration;
        // A row may go once its bucket is full again (it then equals a new one); a little later, so that a row is
        // not deleted and recreated by a client that pauses just that long.
        this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy
                        .basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    @Override
    public ConsumptionProbe tryConsume(String key) {
        return buckets.get(key, k -> proxies.builder().withOptimization(Optimizations.batching())
                .build(k, () -> configuration)).tryConsumeAndReturnRemaining(1);
    }

    /** Deletes rows whose buckets have been full for a while (any node may; locked rows are skipped). */
    @Scheduled(fixedDelayString = "${hourglass.rate-limit.cleanup-interval:60s}")
    void removeExpired() {
        while (proxies.removeExpired(1000) == 1000) {
            // a full batch: there may be more
        }
    }
}
