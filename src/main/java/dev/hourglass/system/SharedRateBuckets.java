package dev.hourglass.system;

import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The buckets in PostgreSQL's {@code rate_limit_bucket} (migration V12), through Bucket4j's proxy manager: each
 * request reads and rewrites its key's row under {@code select … for update}, so every node draws from the same
 * bucket and a client cannot multiply its limit by the number of nodes.
 */
final class SharedRateBuckets implements RateBuckets {

    static final String TABLE = "rate_limit_bucket";

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
    private final BucketConfiguration configuration;

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
        return proxies.getProxy(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    }

    /** Deletes rows whose buckets have been full for a while (any node may; locked rows are skipped). */
    @Scheduled(fixedDelayString = "${hourglass.rate-limit.cleanup-interval:60s}")
    void removeExpired() {
        while (proxies.removeExpired(1000) == 1000) {
            // a full batch: there may be more
        }
    }
}
