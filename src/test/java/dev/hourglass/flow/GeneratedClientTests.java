package dev.hourglass.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.hourglass.client.ApiClient;
import dev.hourglass.client.ApiException;
import dev.hourglass.client.ApiResponse;
import dev.hourglass.client.api.DatasetsApi;
import dev.hourglass.client.api.InferenceApi;
import dev.hourglass.client.api.JobsApi;
import dev.hourglass.client.api.ModelsApi;
import dev.hourglass.client.model.CreateDatasetRequest;
import dev.hourglass.client.model.DatasetView;
import dev.hourglass.client.model.EncodeRequest;
import dev.hourglass.client.model.EncodeResult;
import dev.hourglass.client.model.JobView;
import dev.hourglass.client.model.ModelView;
import dev.hourglass.client.model.Problem;
import dev.hourglass.client.model.ReconstructRequest;
import dev.hourglass.client.model.ReconstructionResult;
import dev.hourglass.client.model.Training;
import dev.hourglass.client.model.TrainingSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The README's flow through the Java client generated at build time from {@code openapi/openapi.yaml}
 * ({@code openapi-generator-maven-plugin}, native HTTP client): upload, submit with an {@code Idempotency-Key} (and
 * its replay), poll, encode, reconstruct, export and import, and a 422 read as a typed {@code Problem}. The client
 * reads answers strictly (a field the document does not name fails it), so the document and the service must agree.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GeneratedClientTests {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    ApiClient client;
    DatasetsApi datasets;
    JobsApi jobs;
    ModelsApi models;
    InferenceApi inference;

    @BeforeEach
    void connect() {
        client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        // Strict: an answer with a field the document does not name fails (getObjectMapper gives a copy).
        client.setObjectMapper(client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
        datasets = new DatasetsApi(client);
        jobs = new JobsApi(client);
        models = new ModelsApi(client);
        inference = new InferenceApi(client);
    }

    @Test
    void walksTheReadmeFlow() throws Exception {
        List<List<Object>> rows = rows(300, 6, 11);
        DatasetView dataset = datasets.createDataset(new CreateDatasetRequest().name("generated-client")
                .columns(List.of("a", "b", "c", "d", "e", "f")).rows(new ArrayList<>(rows)));
        assertThat(dataset.getRows()).isEqualTo(300);
        assertThat(dataset.getColumns()).isEqualTo(6);

        TrainingSpec spec = new TrainingSpec().datasetId(dataset.getId()).name("client-basic")
                .variant(TrainingSpec.VariantEnum.BASIC).encoder(List.of(8, 2))
                .training(new Training().epochs(3).batchSize(32).seed(7L));
        String key = "generated-client-" + UUID.randomUUID();
        ApiResponse<JobView> first = jobs.submitJobWithHttpInfo(spec, key);
        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(first.getHeaders().get("location")).containsExactly("/api/v1/jobs/" + first.getData().getId());
        ApiResponse<JobView> replay = jobs.submitJobWithHttpInfo(spec, key);
        assertThat(replay.getData().getId()).isEqualTo(first.getData().getId());
        assertThat(replay.getHeaders().get("idempotent-replayed")).containsExactly("true");

        JobView done = awaitEnd(first.getData().getId());
        assertThat(done.getStatus()).isEqualTo(JobView.StatusEnum.SUCCEEDED);
        assertThat(done.getEpoch()).isEqualTo(3);
        assertThat(jobs.getJobMetrics(done.getId()).getEpochs()).hasSize(3);
        ModelView model = models.getModel(done.getModelId());
        assertThat(model.getCodeDim()).isEqualTo(2);
        assertThat(model.getInputDim()).isEqualTo(6);

        List<Object> instances = new ArrayList<>(rows.subList(0, 4));
        EncodeResult codes = inference.encodeRows(model.getId(), new EncodeRequest().instances(instances));
        assertThat(codes.getCodes()).hasSize(4).allSatisfy(code -> assertThat(code).hasSize(2));
        ReconstructionResult reconstructed = inference.reconstructRows(model.getId(),
                new ReconstructRequest().instances(instances));
        assertThat(reconstructed.getReconstructions()).hasSize(4);
        assertThat(reconstructed.getErrors()).hasSize(4).allSatisfy(e -> assertThat(e).isFinite().isNotNegative());

        File file = models.exportModel(model.getId());
        ModelView imported = models.importModel(file);
        assertThat(imported.getId()).isNotEqualTo(model.getId());
        assertThat(imported.getWeightsSha256()).isEqualTo(model.getWeightsSha256());
        assertThat(inference.encodeRows(imported.getId(), new EncodeRequest().instances(instances)).getCodes())
                .isEqualTo(codes.getCodes());

        ApiException refused = catchThrowableOfType(ApiException.class, () -> jobs.submitJob(new TrainingSpec()
                .datasetId(dataset.getId()).training(new Training().epochs(0)), null));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(refused.getResponseHeaders().firstValue("content-type")).hasValue("application/problem+json");
        Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo(URI.create("https://hourglass.dev/problems/invalid-spec"));
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getErrors()).anySatisfy(e -> assertThat(e.getField()).isEqualTo("training.epochs"));
    }

    @Test
    void anUnknownIdIsATypedNotFound() throws Exception {
        ApiException missing = catchThrowableOfType(ApiException.class, () -> models.getModel(UUID.randomUUID()));
        assertThat(missing.getCode()).isEqualTo(404);
        Problem problem = client.getObjectMapper().readValue(missing.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo(URI.create("https://hourglass.dev/problems/not-found"));
        assertThatThrownBy(() -> jobs.getJob(UUID.randomUUID())).isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).getCode()).isEqualTo(404);
    }

    private JobView awaitEnd(UUID id) throws ApiException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        JobView job = jobs.getJob(id);
        while (job.getStatus() != JobView.StatusEnum.SUCCEEDED && job.getStatus() != JobView.StatusEnum.FAILED
                && job.getStatus() != JobView.StatusEnum.CANCELLED && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = jobs.getJob(id);
        }
        return job;
    }

    /** rows(count, width): two latent factors mixed into width columns, plus a little noise. */
    private static List<List<Object>> rows(int count, int width, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            double u = random.nextGaussian();
            double v = random.nextGaussian();
            List<Object> row = new ArrayList<>(width);
            for (int c = 0; c < width; c++) {
                row.add(Math.round(((c + 1) * u + (width - c) * v + 0.1 * random.nextGaussian()) * 1000) / 1000.0);
            }
            rows.add(row);
        }
        return rows;
    }
}
