package dev.hourglass.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The job-related part of {@code hourglass.limits.*}; defaults fit a 2-core, 24 GiB node. An open event stream
 * costs a connection and, while a client is slow, a sender thread: {@code max-event-streams} caps them per node.
 */
@ConfigurationProperties("hourglass.limits")
record LimitProperties(long maxParameters, DataSize maxTrainingMemory, int maxQueuedJobs, int maxEventStreams,
        int maxEventStreamsPerJob) {

    LimitProperties {
        if (maxParameters <= 0) {
            maxParameters = 50_000_000L;
        }
        if (maxTrainingMemory == null) {
            maxTrainingMemory = DataSize.ofGigabytes(8);
        }
        if (maxQueuedJobs <= 0) {
            maxQueuedJobs = 100;
        }
        if (maxEventStreams <= 0) {
            maxEventStreams = 1000;
        }
        if (maxEventStreamsPerJob <= 0) {
            maxEventStreamsPerJob = 100;
        }
    }
}
