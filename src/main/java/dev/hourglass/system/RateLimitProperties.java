package dev.hourglass.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hourglass.rate-limit.*}: each rate key (an API key, else a client address) may make {@code burst}
 * requests at once and {@code requestsPerSecond} sustained; the bucket refills continuously.
 */
@ConfigurationProperties("hourglass.rate-limit")
record RateLimitProperties(Boolean enabled, long requestsPerSecond, long burst) {

    RateLimitProperties {
        if (enabled == null) {
            enabled = true;
        }
        if (requestsPerSecond <= 0) {
            requestsPerSecond = 50;
        }
        if (burst <= 0) {
            burst = 200;
        }
    }
}
