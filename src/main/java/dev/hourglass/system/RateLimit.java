package dev.hourglass.system;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-key request rate limit on {@code /api/**} (DESIGN.md §8.6): one token per request from the key's bucket,
 * and without a token a 429 problem+json ({@code rate-limited}) with {@code Retry-After} in whole seconds. The key
 * is the request attribute {@value #KEY_ATTRIBUTE} when authentication set one (the API key's id), else the
 * client's address. Registered after Spring Security's filter chain (RateLimitConfig), so the attribute is there.
 * <p>
 * A bucket store that fails (the database is down) does not fail the request: it passes unlimited, the failure is
 * counted ({@code hourglass.ratelimit.store.failures}) and logged at WARN at most once a minute.
 */
final class RateLimit extends OncePerRequestFilter {

    /** Set by authentication to the API key's id; requests of one key share a bucket whatever their address. */
    static final String KEY_ATTRIBUTE = "hourglass.rateKey";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    static final String TYPE = "rate-limited";
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RateLimit.class);

    private final RateBuckets buckets;
    private final RateLimitProperties properties;
    private final Clock clock;
    private final Counter rejected;
    private final Counter storeFailures;
    private final AtomicReference<Instant> lastWarning = new AtomicReference<>(Instant.MIN);
    private final AtomicLong failuresSinceWarning = new AtomicLong();

    RateLimit(RateBuckets buckets, RateLimitProperties properties, Clock clock, MeterRegistry registry) {
        this.buckets = buckets;
        this.properties = properties;
        this.clock = clock;
        this.rejected = Counter.builder("hourglass.ratelimit.rejected")
                .description("Requests answered 429 rate-limited").register(registry);
        this.storeFailures = Counter.builder("hourglass.ratelimit.store.failures")
                .description("Requests let through unlimited because the rate-limit bucket store failed")
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe;
        try {
            probe = buckets.tryConsume(key(request));
        } catch (RuntimeException e) {
            storeFailed(e);
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(REMAINING_HEADER, String.valueOf(probe.getRemainingTokens()));
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        rejected.increment();
        long retryAfter = retryAfterSeconds(probe.getNanosToWaitForRefill());
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"" + ApiException.TYPE_BASE + TYPE + "\",\"title\":\"Too many requests\","
                + "\"status\":429,\"detail\":\"More than " + properties.requestsPerSecond() + " requests per second "
                + "(bursts of " + properties.burst() + ") from this client (hourglass.rate-limit); retry after "
                + retryAfter + " s\",\"errors\":[]}");
    }

    /** The API key's id when authentication named one, else the client's address; prefixed so the two never meet. */
    static String key(HttpServletRequest request) {
        Object key = request.getAttribute(KEY_ATTRIBUTE);
        return key != null ? "key:" + key : "addr:" + request.getRemoteAddr();
    }

    /** Whole seconds, rounded up and at least 1: a client that waits that long finds a token. */
    static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
    }

    private void storeFailed(RuntimeException e) {
        storeFailures.increment();
        long failures = failuresSinceWarning.incrementAndGet();
        Instant now = clock.instant();
        Instant last = lastWarning.get();
        if (!now.isBefore(last.plus(WARN_EVERY)) && lastWarning.compareAndSet(last, now)) {
            failuresSinceWarning.addAndGet(-failures);
            log.warn("Rate limit store failed; {} request(s) let through unlimited since the last warning "
                    + "(at most one warning a minute): {}", failures, e.toString());
        }
    }
}
