package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.UUID;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * A run that ends in something the worker cannot handle (here: reading the checkpoint to resume from fails
 * every time, as with a database that went away) is retried with backoff a bounded number of times, then the
 * job fails with a generic text and a reference, instead of being retried at once and forever.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hourglass.workers.max-retries=2", "hourglass.workers.retry-backoff=200ms"})
@ActiveProfiles("test")
class JobRetryTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @MockitoSpyBean
    JobCheckpoints checkpoints;

    @Test
    void aRunThatKeepsFailingOutsideTheJobIsRetriedAFewTimesThenTheJobFails() {
        doThrow(new IllegalStateException("connection to db-internal-7.corp:5432 refused")).when(checkpoints).find(any());
        Api api = new Api(port);
        Api.Response dataset = api.postJson("/api/v1/datasets",
                "{\"name\": \"xor\", \"rows\": [[0, 0], [0, 1], [1, 0], [1, 1]]}");
        assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
        Api.Response job = api.postJson("/api/v1/jobs", "{\"datasetId\": \"%s\", \"encoder\": [1], \"training\": {\"epochs\": 1}}"
                .formatted(dataset.json().path("id").asString()));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        UUID id = UUID.fromString(job.json().path("id").asString());

        JsonNode done = api.await("/api/v1/jobs/" + id,
                j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"), Duration.ofSeconds(60));

        assertThat(done.path("status").asString()).isEqualTo("FAILED");
        assertThat(done.path("error").asString()).doesNotContain("db-internal-7").doesNotContain("IllegalStateException")
                .startsWith("Training failed: an internal error, retried 2 times (reference ");
        verify(checkpoints, times(3)).find(id);   // the first run and two retries
        assertThat(jdbc.queryForObject("select retries from training_job where id = ?", Integer.class, id)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Integer.class,
                id.toString())).as("no execution left to retry").isZero();
    }
}
