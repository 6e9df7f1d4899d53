package dev.hourglass.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hourglass.workers.*}: how many jobs this node trains at once and how many compute threads
 * each gets. Their product never exceeds the cores: {@code threads-per-job = 0} means
 * {@code max(1, cores / pool-size)}, and an explicit value is capped to that. A node that misses
 * {@code missed-heartbeats-limit} heartbeats is presumed dead and its jobs move to another node. A run
 * that ends in something the worker did not handle is retried after {@code retry-backoff}, doubled at
 * each further failure up to {@code max-retry-backoff}; after {@code max-retries} retries the job fails.
 */
@ConfigurationProperties("hourglass.workers")
record WorkerProperties(int poolSize, int threadsPerJob, Duration pollingInterval, String nodeName,
        Duration heartbeatInterval, int missedHeartbeatsLimit, Integer maxRetries, Duration retryBackoff,
        Duration maxRetryBackoff) {

    WorkerProperties {
        if (poolSize < 1) {
            throw new IllegalArgumentException("hourglass.workers.pool-size must be ≥ 1, was " + poolSize);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (poolSize > cores) {
            throw new IllegalArgumentException("hourglass.workers.pool-size (" + poolSize + ") exceeds the " + cores
                    + " cores: pool-size × threads-per-job must not exceed them");
        }
        if (pollingInterval == null) {
            pollingInterval = Duration.ofSeconds(1);
        }
        if (heartbeatInterval == null) {
            heartbeatInterval = Duration.ofSeconds(5);
        }
        if (missedHeartbeatsLimit == 0) {
            missedHeartbeatsLimit = 4;
        }
        if (missedHeartbeatsLimit < 4) {
            // db-scheduler's own floor: fewer would declare busy nodes dead.
            throw new IllegalArgumentException("hourglass.workers.missed-heartbeats-limit must be ≥ 4, was "
                    + missedHeartbeatsLimit);
        }
        if (maxRetries == null) {
            maxRetries = 5;
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("hourglass.workers.max-retries must be ≥ 0, was " + maxRetries);
        }
        if (retryBackoff == null) {
            retryBackoff = Duration.ofSeconds(5);
        }
        if (maxRetryBackoff == null) {
            maxRetryBackoff = Duration.ofMinutes(5);
        }
        if (retryBackoff.isNegative() || retryBackoff.isZero() || maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("hourglass.workers.retry-backoff must be > 0 and at most"
                    + " max-retry-backoff, was " + retryBackoff + " and " + maxRetryBackoff);
        }
    }

    /** The wait before retry {@code failures} (counting from 1): retry-backoff × 2^(failures − 1), capped. */
    Duration retryDelay(int failures) {
        Duration delay = retryBackoff;
        for (int i = 1; i < failures && delay.compareTo(maxRetryBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : delay;
    }

    int effectiveThreadsPerJob() {
        int cores = Runtime.getRuntime().availableProcessors();
        int fair = Math.max(1, cores / poolSize);
        return threadsPerJob <= 0 ? fair : Math.min(threadsPerJob, fair);
    }
}
