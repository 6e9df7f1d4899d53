package dev.hourglass.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Bucket4j's local buckets, for a single node (the embedded H2 default): there is no other node to share with.
 * A full bucket is the same as a new one, so {@link #forgetFull()} drops them: the map holds only the keys that
 * made requests in the last burst / rate seconds, not every address ever seen.
 */
final class LocalRateBuckets implements RateBuckets {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final BucketConfiguration configuration;
    private final long capacity;
    private final TimeMeter time;

    LocalRateBuckets(RateLimitProperties properties, TimeMeter time) {
        this.configuration = RateBuckets.configuration(properties);
        this.capacity = properties.burst();
        this.time = time;
    }

    @Override
    public ConsumptionProbe tryConsume(String key) {
        return buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
    }

    private Bucket newBucket() {
        var builder = Bucket.builder().withCustomTimePrecision(time);
        for (var bandwidth : configuration.getBandwidths()) {
            builder.addLimit(bandwidth);
        }
        return builder.build();
    }

    /**
     * A request that took its bucket just before the bucket is dropped still consumes from it, which gives that key
     * at most one request more than its limit: a full bucket has never been the one holding a client back.
     */
    @Scheduled(fixedDelayString = "${hourglass.rate-limit.cleanup-interval:60s}")
    void forgetFull() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= capacity);
    }

    /** Keys with a bucket now. */
    int size() {
        return buckets.size();
    }
}
