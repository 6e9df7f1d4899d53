package dev.hourglass.system;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** The token buckets of the request rate limit, one per rate key: in memory on one node, or in the database. */
interface RateBuckets {

    /** Takes one token from {@code key}'s bucket; the probe says whether there was one and when the next comes. */
    ConsumptionProbe tryConsume(String key);

    /** {@code burst} tokens, refilled greedily (a token every 1/rate s rather than all at once each second). */
    static BucketConfiguration configuration(RateLimitProperties properties) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(properties.burst())
                        .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }
}
