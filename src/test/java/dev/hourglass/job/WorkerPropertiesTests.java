package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class WorkerPropertiesTests {

    private static WorkerProperties retrying(Integer maxRetries, Duration backoff, Duration maxBackoff) {
        return new WorkerProperties(1, 0, null, null, null, 0, maxRetries, backoff, maxBackoff);
    }

    @Test
    void theRetryDelayDoublesFromTheBackoffUpToItsCap() {
        WorkerProperties properties = retrying(8, Duration.ofSeconds(5), Duration.ofSeconds(60));

        // 5 s × 2^(n − 1): 5, 10, 20, 40, then capped at 60
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(properties::retryDelay).map(Duration::toSeconds))
                .containsExactly(5L, 10L, 20L, 40L, 60L, 60L, 60L);
    }

    @Test
    void retriesDefaultToFiveAfterFiveSeconds() {
        WorkerProperties properties = retrying(null, null, null);

        assertThat(properties.maxRetries()).isEqualTo(5);
        assertThat(properties.retryDelay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.retryDelay(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBackoffAboveItsCapIsRefusedAtStart() {
        assertThatThrownBy(() -> retrying(5, Duration.ofMinutes(10), Duration.ofMinutes(5)))
                .hasMessageContaining("hourglass.workers.retry-backoff");
    }
}
