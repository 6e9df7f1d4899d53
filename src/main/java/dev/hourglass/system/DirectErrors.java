package dev.hourglass.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Error bodies written outside Spring MVC (a servlet filter, the container's own refusals): problem+json under
 * /api and everywhere else, {@code {"error": "…"}} for TF-Serving (/v1/…) and the Open Inference Protocol (/v2/…),
 * whose clients read errors so (the inference package's adapters answer the same way).
 */
public final class DirectErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DirectErrors() {
    }

    public static boolean servingProtocol(String path) {
        return path.startsWith("/v1/") || path.startsWith("/v2/") || path.equals("/v2");
    }

    public static String contentType(String path) {
        return servingProtocol(path) ? "application/json" : "application/problem+json";
    }

    /** The body for a refusal of {@code path} with this status, type slug, title and detail. */
    public static String body(String path, int status, String slug, String title, String detail) {
        if (servingProtocol(path)) {
            return JSON.writeValueAsString(Map.of("error", detail));
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ApiException.TYPE_BASE + slug);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("errors", List.of());
        return JSON.writeValueAsString(problem);
    }
}
