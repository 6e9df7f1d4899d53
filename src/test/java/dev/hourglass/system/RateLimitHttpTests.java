package dev.hourglass.system;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.context.ActiveProfiles;

/** The rate limit in the running service: /api/** only, a 429 problem+json with Retry-After past the burst. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hourglass.rate-limit.burst=3", "hourglass.rate-limit.requests-per-second=1"})
@ActiveProfiles("test")
class RateLimitHttpTests {

    @LocalServerPort
    int port;

    @Test
    void apiRequestsPastTheLimitAre429sWithRetryAfterWhileHealthAndDocsAreNotLimited() {
        Api api = new Api(port);
        List<Api.Response> responses = new ArrayList<>();
        // 3 at once and 1 a second: 20 requests in a row cannot all pass unless they take over 17 s
        for (int i = 0; i < 20; i++) {
            responses.add(api.get("/api/v1/jobs"));
        }
        assertThat(responses.get(0).status()).isEqualTo(200);
        assertThat(responses).allSatisfy(r -> assertThat(r.header(RateLimit.REMAINING_HEADER)).isNotNull());
        Api.Response refused = responses.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
        assertProblem(refused, 429, "rate-limited");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isGreaterThanOrEqualTo(1);

        for (String open : List.of("/actuator/health", "/v3/api-docs", "/")) {
            for (int i = 0; i < 5; i++) {
                Api.Response response = api.get(open);
                assertThat(response.status()).as(open).isEqualTo(200);
                assertThat(response.header(RateLimit.REMAINING_HEADER)).as(open).isNull();
            }
        }
    }

    @Test
    void theLimitCanBeTurnedOff() {
        new ApplicationContextRunner()
                .withUserConfiguration(RateLimitConfig.class)
                .withPropertyValues("hourglass.rate-limit.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class)
                        .doesNotHaveBean(RateBuckets.class));
    }
}
