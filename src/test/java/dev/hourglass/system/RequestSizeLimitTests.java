package dev.hourglass.system;

import static dev.hourglass.flow.ApiContractTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * JSON bodies over hourglass.limits.max-json-body are 413s, declared (Content-Length) or chunked; inference bodies
 * over the smaller hourglass.limits.max-inference-body too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hourglass.limits.max-json-body=1KB", "hourglass.limits.max-inference-body=512B"})
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
    void anInferenceBodyOverItsOwnSmallerCapIsRefusedNamingIt() throws Exception {
        // 2 × 300 + 18 = 618 bytes: over the inference cap (512 B), under the JSON cap (1 KB)
        String rows = "{\"instances\": [[" + "1,".repeat(300) + "1]]}";
        String encode = "/api/v1/models/00000000-0000-0000-0000-000000000001/encode";
        for (Api.Response refused : new Api.Response[] {new Api(port).postJson(encode, rows), chunked(encode, rows)}) {
            assertProblem(refused, 413, "request-too-large");
            assertThat(refused.json().path("detail").asString()).contains("hourglass.limits.max-inference-body");
        }
        Api.Response predict = new Api(port).postJson("/v1/models/00000000-0000-0000-0000-000000000001:predict", rows);
        assertThat(predict.status()).isEqualTo(413);
        assertThat(predict.json().path("error").asString()).contains("hourglass.limits.max-inference-body");

        String dataset = "{\"name\": \"ok\", \"rows\": [[" + "1,".repeat(300) + "1]]}";
        assertThat(new Api(port).postJson("/api/v1/datasets", dataset).status()).as("a dataset of that size").isEqualTo(201);
    }

    @Test
    void smallBodiesPass() {
        Api.Response created = new Api(port).postJson("/api/v1/datasets", "{\"name\": \"ok\", \"rows\": [[1, 2], [3, 4]]}");
        org.assertj.core.api.Assertions.assertThat(created.status()).isEqualTo(201);
    }
}
