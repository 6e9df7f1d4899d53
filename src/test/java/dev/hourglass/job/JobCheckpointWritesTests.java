package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.util.UUID;

import dev.hourglass.support.Api;
import dev.hourglass.tenant.Tenancy;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * What a checkpoint costs: each epoch's write is an update by id (an insert for the first) without reading the
 * old row back, the best epoch's weights are written only when early stopping finds a better epoch, and the
 * checkpoint is deleted in the transaction that writes the job's final status, so one never outlives the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.jpa.properties.hibernate.session_factory.statement_inspector=dev.hourglass.job.RecordedSql")
@ActiveProfiles("test")
class JobCheckpointWritesTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobCheckpoints checkpoints;

    @MockitoSpyBean
    JobCheckpointRepository checkpointRows;

    /** What the spy does unstubbed: it delegates to the Spring Data repository. */
    private Answer<?> real() {
        return Mockito.mockingDetails(checkpointRows).getMockCreationSettings().getDefaultAnswer();
    }

    private String dataset(Api api) {
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < 60; r++) {
            rows.append(r == 0 ? "" : ",").append("[%d, %d, %d]".formatted(r % 7, r % 5, r % 3));
        }
        Api.Response created = api.postJson("/api/v1/datasets", "{\"name\": \"small\", \"rows\": [" + rows + "]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private JsonNode runToEnd(Api api, String trainingJson) {
        Api.Response job = api.postJson("/api/v1/jobs", "{\"datasetId\": \"%s\", \"encoder\": [2], \"training\": %s}"
                .formatted(dataset(api), trainingJson));
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        return api.await("/api/v1/jobs/" + job.json().path("id").asString(),
                j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"), Duration.ofSeconds(90));
    }

    @Test
    void epochCheckpointsAreWrittenWithoutReadingTheOldRowAndTheBestWeightsOnlyWhenTheyChange() {
        RecordedSql.STATEMENTS.clear();
        // minDelta is so large that no epoch after the first improves: the best epoch stays 1, and with
        // patience 2 the run stops after epoch 3 (three checkpoints, one best epoch)
        JsonNode done = runToEnd(new Api(port), "{\"epochs\": 50, \"batchSize\": 10, \"validationFraction\": 0.2,"
                + " \"earlyStopping\": {\"patience\": 2, \"minDelta\": 1000000}}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("epoch").asInt()).isEqualTo(3);

        assertThat(RecordedSql.matching("select", "job_checkpoint"))
                .as("only the resume lookup when the attempt starts reads a checkpoint").hasSize(1);
        assertThat(RecordedSql.matching("insert", "job_checkpoint")).as("the first epoch's checkpoint").hasSize(1);
        // epoch 1 tries an update first, finds no row and inserts; epochs 2 and 3 leave the best weights alone
        assertThat(RecordedSql.matching("update", "job_checkpoint")).hasSize(3)
                .filteredOn(sql -> sql.contains("best_state")).as("updates that write the best weights").hasSize(1);
        assertThat(RecordedSql.matching("delete", "job_checkpoint")).as("one bulk delete at the end").hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from job_checkpoint", Integer.class)).isZero();
    }

    @Test
    void aBetterEpochRewritesTheBestWeights() {
        RecordedSql.STATEMENTS.clear();
        // minDelta 0: with a learning rate this small every epoch improves a little, so each is the new best
        JsonNode done = runToEnd(new Api(port), "{\"epochs\": 3, \"batchSize\": 10, \"validationFraction\": 0.2,"
                + " \"learningRate\": 0.0001, \"earlyStopping\": {\"patience\": 5, \"minDelta\": 0}}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");

        assertThat(RecordedSql.matching("update", "job_checkpoint")).hasSize(3)
                .allMatch(sql -> sql.contains("best_state"));
    }

    /** A job RUNNING in its first attempt with a checkpoint, as a worker leaves it after an epoch. */
    private UUID runningWithCheckpoint() {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into training_job (id, dataset_id, variant, spec, status, epoch, epochs, progress, attempt,"
                + " node, created_at, updated_at, version, tenant_id) values (?, ?, 'BASIC', '{}', 'RUNNING', 2, 10, 0.2, 1,"
                + " 'node-a', current_timestamp, current_timestamp, 0, '" + Tenancy.DEFAULT_TENANT + "')", id, UUID.randomUUID());
        jdbc.update("insert into job_checkpoint (job_id, epoch, phase, state, node, created_at)"
                + " values (?, 2, 'train', ?, 'node-a', current_timestamp)", id, new byte[] {1, 2, 3});
        return id;
    }

    private String statusOf(UUID id) {
        return jdbc.queryForObject("select status from training_job where id = ?", String.class, id);
    }

    private int checkpointsOf(UUID id) {
        return jdbc.queryForObject("select count(*) from job_checkpoint where job_id = ?", Integer.class, id);
    }

    @Test
    void aFailedCheckpointDeleteRollsBackTheFinalStatus() {
        UUID failed = runningWithCheckpoint();
        UUID cancelled = runningWithCheckpoint();
        doThrow(new IllegalStateException("disk full")).when(checkpointRows).deleteByJob(any());

        assertThatThrownBy(() -> checkpoints.fail(failed, 1, "boom")).hasMessage("disk full");
        assertThatThrownBy(() -> checkpoints.cancelRunning(cancelled, 1)).hasMessage("disk full");

        assertThat(statusOf(failed)).isEqualTo("RUNNING");
        assertThat(statusOf(cancelled)).isEqualTo("RUNNING");
        assertThat(checkpointsOf(failed)).isEqualTo(1);
        assertThat(checkpointsOf(cancelled)).isEqualTo(1);

        doAnswer(real()).when(checkpointRows).deleteByJob(any());
        assertThat(checkpoints.fail(failed, 1, "boom")).isEqualTo(1);
        assertThat(checkpoints.cancelRunning(cancelled, 1)).isEqualTo(1);
        assertThat(statusOf(failed)).isEqualTo("FAILED");
        assertThat(statusOf(cancelled)).isEqualTo("CANCELLED");
        assertThat(checkpointsOf(failed)).isZero();
        assertThat(checkpointsOf(cancelled)).isZero();
    }

    @Test
    void aJobWhoseCheckpointCannotBeDeletedDoesNotEndSucceeded() {
        // the delete in the success transaction fails once: model and status roll back with it, and the job
        // ends FAILED (generic text), its checkpoint deleted with that status
        doThrow(new IllegalStateException("disk full")).doAnswer(real()).when(checkpointRows).deleteByJob(any());
        Api api = new Api(port);
        long modelsBefore = api.get("/api/v1/models").json().path("totalItems").asLong();

        JsonNode done = runToEnd(api, "{\"epochs\": 2, \"batchSize\": 10}");

        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("FAILED");
        assertThat(done.path("modelId").isNull()).isTrue();
        assertThat(api.get("/api/v1/models").json().path("totalItems").asLong()).isEqualTo(modelsBefore);
        assertThat(checkpointsOf(UUID.fromString(done.path("id").asString()))).isZero();
    }
}
