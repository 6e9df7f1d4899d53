package dev.hourglass.cluster;

import static dev.hourglass.cluster.ClusterFixture.awaitEnd;
import static dev.hourglass.cluster.ClusterFixture.awaitEpoch;
import static dev.hourglass.cluster.ClusterFixture.submit;
import static dev.hourglass.cluster.ClusterFixture.uploadFashion;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two service processes on one PostgreSQL share the queue; a dead node's job moves to the other. */
class TwoNodeIT extends PostgresProcessTest {

    @Test
    void twoNodesShareTheQueueAndTakeOverEachOthersJobs() throws Exception {
        try (ServiceProcess a = ServiceProcess.start("node-a", properties);
             ServiceProcess b = ServiceProcess.start("node-b", properties)) {
            String dataset = uploadFashion(a.api);
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                jobs.add(submit(i % 2 == 0 ? a.api : b.api, dataset, 256, 3));
            }
            Set<String> nodes = new HashSet<>();
            for (String job : jobs) {
                JsonNode done = awaitEnd(b.api, job, Duration.ofMinutes(4));
                assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
                assertThat(done.path("attempt").asInt()).as("ran exactly once").isEqualTo(1);
                nodes.add(done.path("node").asString());
                // Any node serves any job's status and any model's inference.
                assertThat(a.api.get("/api/v1/jobs/" + job).json().path("status").asString()).isEqualTo("SUCCEEDED");
            }
            assertThat(nodes).as("both nodes ran jobs").containsExactlyInAnyOrder("node-a", "node-b");

            // Cancel and events work from the node that does not run the job.
            String cancelled = submit(a.api, dataset, 1536, 50);
            awaitEpoch(a.api, cancelled, 1);
            String runsOn = a.api.get("/api/v1/jobs/" + cancelled).json().path("node").asString();
            ServiceProcess other = runsOn.equals("node-a") ? b : a;
            java.util.concurrent.CompletableFuture<List<String>> stream = events(other, cancelled);
            assertThat(other.api.post("/api/v1/jobs/" + cancelled + "/cancel", "application/json", new byte[0]).status())
                    .isEqualTo(202);
            JsonNode stopped = awaitEnd(other.api, cancelled, Duration.ofMinutes(1));
            assertThat(stopped.path("status").asString()).isEqualTo("CANCELLED");
            assertThat(stopped.path("modelId").isNull()).isTrue();
            assertThat(stream.get(30, java.util.concurrent.TimeUnit.SECONDS)).last().isEqualTo("cancelled");

            String long1 = submit(a.api, dataset, 1536, 6);
            awaitEpoch(a.api, long1, 1);
            String runner = a.api.get("/api/v1/jobs/" + long1).json().path("node").asString();
            ServiceProcess victim = runner.equals("node-a") ? a : b;
            ServiceProcess survivor = victim == a ? b : a;
            victim.kill();

            JsonNode moved = awaitEnd(survivor.api, long1, Duration.ofMinutes(4));
            assertThat(moved.path("status").asString()).as(moved.toString()).isEqualTo("SUCCEEDED");
            assertThat(moved.path("node").asString()).isEqualTo(survivor.node);
            assertThat(moved.path("attempt").asInt()).isEqualTo(2);
            assertThat(moved.path("resumedFromEpoch").asInt()).isGreaterThanOrEqualTo(1);
        }
    }

    /** The SSE event names a node sends for a job, until it closes the stream. */
    private static java.util.concurrent.CompletableFuture<List<String>> events(ServiceProcess node, String job) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + node.port + "/api/v1/jobs/" + job + "/events")).build();
        return java.net.http.HttpClient.newHttpClient()
                .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
                .thenApply(r -> r.body().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).trim()).toList());
    }
}
