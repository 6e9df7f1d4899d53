package dev.hourglass.system;

import static dev.hourglass.flow.ApiContractTests.assertProblem;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** JSON bodies over hourglass.limits.max-json-body are 413s, declared (Content-Length) or chunked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "hourglass.limits.max-json-body=1KB")
@ActiveProfiles("test")
class RequestSizeLimitTests {

    @LocalServerPort
    int port;

    private static String bigJson(String key) {
        return "{\"" + key + "\": [[" + "1,".repeat(1500) + "1]]}";
    }

    /** A body sent without Content-Length (Transfer-Encoding: chunked), so only counting can catch it. */
    private Api.Response chunked(String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes()))).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                null, response.body(), response.headers());
    }

    @Test
    void aDeclaredOversizedBodyIsRefusedBeforeItIsRead() {
        assertProblem(new Api(port).postJson("/api/v1/jobs", bigJson("encoder")), 413, "request-too-large");
    }

    @Test
    void aChunkedOversizedBodyIsRefusedWhileItIsRead() throws Exception {
        assertProblem(chunked("/api/v1/models/00000000-0000-0000-0000-000000000001/encode", bigJson("instances")),
                413, "request-too-large");
        assertProblem(chunked("/api/v1/datasets", "{\"name\": \"big\", " + bigJson("rows").substring(1)),
                413, "request-too-large");
    }

    @Test
    void smallBodiesPass() {
        Api.Response created = new Api(port).postJson("/api/v1/datasets", "{\"name\": \"ok\", \"rows\": [[1, 2], [3, 4]]}");
        org.assertj.core.api.Assertions.assertThat(created.status()).isEqualTo(201);
    }
}
