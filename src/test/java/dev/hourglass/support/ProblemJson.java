package dev.hourglass.support;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hourglass.system.ApiException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

/** MockMvc matchers for the problem+json contract of the README's "Errors" table. */
public final class ProblemJson {

    private ProblemJson() {
    }

    /**
     * The response is RFC 9457 problem+json with this status and {@code type}
     * ({@code https://hourglass.dev/problems/<slug>}), a title, an {@code errors} array, and no stack trace.
     */
    public static ResultMatcher problem(int httpStatus, String slug) {
        return all(
                status().is(httpStatus),
                content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
                jsonPath("$.type").value(ApiException.TYPE_BASE + slug),
                jsonPath("$.status").value(httpStatus),
                jsonPath("$.title").isNotEmpty(),
                jsonPath("$.errors").isArray(),
                content().string(not(containsString("\tat "))));
    }

    private static ResultMatcher all(ResultMatcher... matchers) {
        return result -> {
            for (ResultMatcher matcher : matchers) {
                matcher.match(result);
            }
        };
    }

    /** The first entry of {@code errors[]} names this field. */
    public static ResultMatcher firstErrorField(String field) {
        return jsonPath("$.errors[0].field").value(field);
    }
}
