package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * A job that fails on something unexpected shows a generic text and a reference, never the exception's class or
 * message (which may name internals); the node's log carries the reference with the stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class JobFailureTextTests {

    @LocalServerPort
    int port;

    @MockitoSpyBean
    JobCheckpoints checkpoints;

    @Test
    void anUnexpectedFailureShowsAReferenceTheLogCarriesNotTheException(CapturedOutput output) {
        doThrow(new IllegalStateException("connection to db-internal-7.corp:5432 refused"))
                .when(checkpoints).succeed(any(), anyInt(), any(), any());
        Api api = new Api(port);
        Api.Response dataset = api.postJson("/api/v1/datasets",
                "{\"name\": \"xor\", \"rows\": [[0, 0], [0, 1], [1, 0], [1, 1]]}");
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        Api.Response job = api.postJson("/api/v1/jobs", "{\"datasetId\": \"%s\", \"encoder\": [1], \"training\": {\"epochs\": 1}}"
                .formatted(dataset.json().path("id").asString()));
        assertThat(job.status()).as(job.body()).isEqualTo(202);

        JsonNode done = api.await("/api/v1/jobs/" + job.json().path("id").asString(),
                j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"), Duration.ofSeconds(60));

        assertThat(done.path("status").asString()).isEqualTo("FAILED");
        String error = done.path("error").asString();
        assertThat(error).doesNotContain("IllegalStateException").doesNotContain("db-internal-7")
                .startsWith("Training failed: an internal error (reference ");
        Matcher reference = Pattern.compile("reference ([0-9a-f]{8,})").matcher(error);
        assertThat(reference.find()).as(error).isTrue();
        assertThat(output.getOut() + output.getErr()).contains(reference.group(1)).contains("db-internal-7");
    }
}
