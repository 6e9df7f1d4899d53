package dev.hourglass.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hourglass.workers.*}: how many jobs this node trains at once and how many compute threads
 * each gets. Their product never exceeds the cores: {@code threads-per-job = 0} means
 * {@code max(1, cores / pool-size)}, and an explicit value is capped to that. A node that misses
 * {@code missed-heartbeats-limit} heartbeats is presumed dead and its jobs move to another node.
 */
@ConfigurationProperties("hourglass.workers")
record WorkerProperties(int poolSize, int threadsPerJob, Duration pollingInterval, String nodeName,
        Duration heartbeatInterval, int missedHeartbeatsLimit) {

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
    }

    int effectiveThreadsPerJob() {
        int cores = Runtime.getRuntime().availableProcessors();
        int fair = Math.max(1, cores / poolSize);
        return threadsPerJob <= 0 ? fair : Math.min(threadsPerJob, fair);
    }
}
