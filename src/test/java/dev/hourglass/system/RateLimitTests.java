package dev.hourglass.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rate limit filter over Bucket4j's local buckets, on a clock the test moves (no sleeping). */
class RateLimitTests {

    /** A Bucket4j clock that moves only when told. */
    static final class ManualTime implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(long amount, TimeUnit unit) {
            nanos += unit.toNanos(amount);
        }
    }

    private final ManualTime time = new ManualTime();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    // 3 at once, then 1 a second
    private final RateLimitProperties properties = new RateLimitProperties(true, 1, 3);
    private final LocalRateBuckets buckets = new LocalRateBuckets(properties, time);
    private final RateLimit filter = new RateLimit(buckets, properties, Clock.systemUTC(), registry);

    private MockHttpServletResponse send(String address, String rateKey) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/jobs");
        request.setRemoteAddr(address);
        if (rateKey != null) {
            request.setAttribute(RateLimit.KEY_ATTRIBUTE, rateKey);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private MockHttpServletResponse send(String address) throws Exception {
        return send(address, null);
    }

    @Test
    void theRequestPastTheBurstIsA429ProblemWithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            MockHttpServletResponse passed = send("10.0.0.1");
            assertThat(passed.getStatus()).isEqualTo(200);
            assertThat(passed.getHeader(RateLimit.REMAINING_HEADER)).isEqualTo(String.valueOf(2 - i));
        }
        MockHttpServletResponse refused = send("10.0.0.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        // one token a second and none left: the next one comes in exactly 1 s
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getHeader(RateLimit.REMAINING_HEADER)).isEqualTo("0");
        JsonNode problem = JsonMapper.builder().build().readTree(refused.getContentAsString());
        assertThat(problem.path("type").asString()).isEqualTo("https://hourglass.dev/problems/rate-limited");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("title").asString()).isEqualTo("Too many requests");
        assertThat(problem.path("detail").asString()).contains("hourglass.rate-limit");
        assertThat(problem.path("errors").isArray()).isTrue();
        assertThat(registry.counter("hourglass.ratelimit.rejected").count()).isEqualTo(1);
    }

    @Test
    void otherKeysAreNotAffected() throws Exception {
        for (int i = 0; i < 4; i++) {
            send("10.0.0.1");
        }
        assertThat(send("10.0.0.1").getStatus()).isEqualTo(429);
        assertThat(send("10.0.0.2").getStatus()).isEqualTo(200);
        // an authenticated API key has its own bucket, even from the address that ran out
        assertThat(send("10.0.0.1", "key-1").getStatus()).isEqualTo(200);
    }

    @Test
    void anApiKeyIsLimitedWhateverAddressItComesFrom() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("10.0.0." + i, "key-1").getStatus()).isEqualTo(200);
        }
        assertThat(send("10.0.0.9", "key-1").getStatus()).isEqualTo(429);
    }

    @Test
    void tokensRefill() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("10.0.0.1");
        }
        assertThat(send("10.0.0.1").getStatus()).isEqualTo(429);
        time.advance(999, TimeUnit.MILLISECONDS);
        assertThat(send("10.0.0.1").getStatus()).isEqualTo(429);
        time.advance(1, TimeUnit.MILLISECONDS);
        assertThat(send("10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(send("10.0.0.1").getStatus()).isEqualTo(429);
        time.advance(10, TimeUnit.SECONDS);
        // refilled up to the burst, not beyond
        for (int i = 0; i < 3; i++) {
            assertThat(send("10.0.0.1").getStatus()).isEqualTo(200);
        }
        assertThat(send("10.0.0.1").getStatus()).isEqualTo(429);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(RateLimit.retryAfterSeconds(0)).isEqualTo(1);
        assertThat(RateLimit.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(RateLimit.retryAfterSeconds(1_000_000_000L)).isEqualTo(1);
        assertThat(RateLimit.retryAfterSeconds(1_000_000_001L)).isEqualTo(2);
    }

    @Test
    void aFailingBucketStoreLetsTheRequestThroughAndCountsIt() throws Exception {
        RateLimit broken = new RateLimit(key -> {
            throw new IllegalStateException("connection refused");
        }, properties, Clock.systemUTC(), registry);
        for (int i = 0; i < 5; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/jobs");
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();
            broken.doFilter(request, response, chain);
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(chain.getRequest()).as("the request went on to the application").isNotNull();
        }
        assertThat(registry.counter("hourglass.ratelimit.store.failures").count()).isEqualTo(5);
    }

    @Test
    void fullBucketsAreForgottenAndOnlyThose() throws Exception {
        send("10.0.0.1");
        for (int i = 0; i < 3; i++) {
            send("10.0.0.2");
        }
        time.advance(1, TimeUnit.SECONDS);
        buckets.forgetFull();
        // 10.0.0.1 is full again (a new bucket would be the same); 10.0.0.2 still has 2 of 3 tokens
        assertThat(buckets.size()).isEqualTo(1);
        assertThat(send("10.0.0.2").getHeader(RateLimit.REMAINING_HEADER)).isEqualTo("0");
    }
}
