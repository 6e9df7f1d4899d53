package dev.hourglass.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.hourglass.support.Api;
import tools.jackson.databind.JsonNode;

/** Real HTTP as one API key: every request carries {@code Authorization: Bearer <key>} (none for a null key). */
final class KeyedClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String key;

    KeyedClient(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    KeyedClient as(String otherKey) {
        return new KeyedClient(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
    }

    Api.Response get(String path) {
        return send("GET", path, null, "Accept", "*/*");
    }

    Api.Response delete(String path) {
        return send("DELETE", path, null);
    }

    Api.Response postJson(String path, String json, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", path, json, all);
    }

    /** Any request: {@code body} null for none; {@code headers} as name, value pairs. */
    Api.Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a job until it ends; fails unless it SUCCEEDED. */
    JsonNode awaitSucceeded(String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get("/api/v1/jobs/" + jobId).json();
            if (last.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED")) {
                assertThat(last.path("status").asString()).as(last.toString()).isEqualTo("SUCCEEDED");
                return last;
            }
            pause();
        }
        throw new AssertionError("job " + jobId + " did not end; last: " + last);
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
