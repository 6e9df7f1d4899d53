package dev.hourglass.cluster;

import static dev.hourglass.cluster.ClusterFixture.awaitEnd;
import static dev.hourglass.cluster.ClusterFixture.awaitEpoch;
import static dev.hourglass.cluster.ClusterFixture.submit;
import static dev.hourglass.cluster.ClusterFixture.submitHalves;
import static dev.hourglass.cluster.ClusterFixture.uploadFashion;
import static dev.hourglass.cluster.ClusterFixture.weightsSha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The service as a real process on PostgreSQL: killed with SIGKILL after a checkpoint, or stopped with
 * SIGTERM mid-job, then started again. The job resumes from its checkpoint (not from epoch 1) and
 * ends with weights bit-identical to an uninterrupted run with the same seed and thread count.
 */
class KillAndResumeIT extends PostgresProcessTest {

    static final int EPOCHS = 8;
    static final int WIDTH = 1536;

    /** Submits a job of the test's spec on a dataset through a node's API; returns its id. */
    private interface Submission {
        String submit(dev.hourglass.support.Api api, String dataset);
    }

    @Test
    void aKilledNodesJobResumesFromItsCheckpointWithIdenticalWeights() throws Exception {
        killAndResume("kill", (api, dataset) -> submit(api, dataset, WIDTH, EPOCHS));
    }

    /** The same for a multimodal network: its presentations and alignment draws resume where they stopped. */
    @Test
    void aKilledNodesMultimodalJobResumesWithIdenticalWeights() throws Exception {
        killAndResume("kill-mm", (api, dataset) -> submitHalves(api, dataset, WIDTH / 2, EPOCHS));
    }

    /**
     * Starts node {@code name}-a, submits, kills it with SIGKILL after epoch 2; node {@code name}-b resumes the
     * job from its checkpoint and ends with the weights of an uninterrupted run of the same spec.
     */
    private void killAndResume(String name, Submission submission) throws Exception {
        String dataset;
        String job;
        int seenEpoch;
        try (ServiceProcess first = ServiceProcess.start(name + "-a", properties)) {
            dataset = uploadFashion(first.api);
            job = submission.submit(first.api, dataset);
            seenEpoch = awaitEpoch(first.api, job, 2);
            first.kill();
        }
        assertThat(seenEpoch).as("killed before the job finished").isLessThan(EPOCHS);

        try (ServiceProcess second = ServiceProcess.start(name + "-b", properties)) {
            JsonNode resumed = awaitEnd(second.api, job, Duration.ofMinutes(4));
            assertThat(resumed.path("status").asString()).as(resumed.toString()).isEqualTo("SUCCEEDED");
            assertThat(resumed.path("attempt").asInt()).isEqualTo(2);
            assertThat(resumed.path("resumedFromEpoch").asInt()).as("resumed from the checkpoint, not epoch 1")
                    .isGreaterThanOrEqualTo(seenEpoch).isGreaterThanOrEqualTo(2);
            assertThat(resumed.path("node").asString()).isEqualTo(name + "-b");
            assertEveryEpochRecordedOnce(second, resumed);

            String uninterrupted = submission.submit(second.api, dataset);
            JsonNode reference = awaitEnd(second.api, uninterrupted, Duration.ofMinutes(4));
            assertThat(reference.path("attempt").asInt()).isEqualTo(1);
            assertThat(weightsSha256(second.api, resumed)).isNotBlank()
                    .isEqualTo(weightsSha256(second.api, reference));
        }
    }

    @Test
    void sigtermHandsTheRunningJobBackAndARestartFinishesIt() throws Exception {
        String dataset;
        String job;
        int seenEpoch;
        try (ServiceProcess first = ServiceProcess.start("term-a", properties)) {
            dataset = uploadFashion(first.api);
            job = submit(first.api, dataset, WIDTH, EPOCHS);
            seenEpoch = awaitEpoch(first.api, job, 2);
            assertThat(first.terminate()).as("exit code after SIGTERM").isIn(0, 143);
        }
        try (ServiceProcess second = ServiceProcess.start("term-b", properties)) {
            JsonNode handedBack = second.api.get("/api/v1/jobs/" + job).json();
            assertThat(handedBack.path("status").asString()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
            JsonNode resumed = awaitEnd(second.api, job, Duration.ofMinutes(4));
            assertThat(resumed.path("status").asString()).as(resumed.toString()).isEqualTo("SUCCEEDED");
            assertThat(resumed.path("resumedFromEpoch").asInt()).isGreaterThanOrEqualTo(seenEpoch);
            assertEveryEpochRecordedOnce(second, resumed);

            String uninterrupted = submit(second.api, dataset, WIDTH, EPOCHS);
            JsonNode reference = awaitEnd(second.api, uninterrupted, Duration.ofMinutes(4));
            assertThat(weightsSha256(second.api, resumed)).isEqualTo(weightsSha256(second.api, reference));
        }
    }

    private static void assertEveryEpochRecordedOnce(ServiceProcess service, JsonNode job) {
        JsonNode history = service.api.get("/api/v1/models/" + job.path("modelId").asString() + "/metrics").json()
                .path("epochs");
        List<Integer> epochs = new java.util.ArrayList<>();
        history.forEach(e -> epochs.add(e.path("epoch").asInt()));
        assertThat(epochs).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    }
}
