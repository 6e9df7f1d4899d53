package dev.hourglass.job;

import static dev.hourglass.support.ProblemJson.firstErrorField;
import static dev.hourglass.support.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.system.ApiException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The /api/v1/jobs controller alone, its service mocked: how requests bind and how every refusal becomes
 * problem+json. ProblemAdvice (a controller advice) and RequestSizeLimit (a filter) are in the slice through
 * the application's component scan, as in production.
 */
@WebMvcTest(TrainingJobController.class)
class TrainingJobControllerTests {

    private static final UUID JOB = UUID.fromString("6c1f5a2e-0d1b-4a7e-9c3d-2b8e4f6a1c00");
    private static final UUID DATASET = UUID.fromString("3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b");
    private static final String SPEC = "{\"datasetId\": \"" + DATASET + "\"}";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TrainingJobs jobs;

    private static JobView queued(UUID id) {
        return new JobView(id, "nightly", JobKind.TRAINING, JobStatus.QUEUED, Variant.BASIC, DATASET, null, null, 0, 10,
                null, 0.0, null, null, null, List.of(), Instant.parse("2026-01-01T00:00:00Z"), null, null, 0, null, null,
                null, null, null);
    }

    private static MockHttpServletRequestBuilder submit(String body) {
        return post("/api/v1/jobs").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aSubmittedJobIsAcceptedWithItsLocation() throws Exception {
        given(jobs.submit(any(), eq("nightly-1"))).willReturn(new TrainingJobs.Submission(queued(JOB), false));

        mvc.perform(submit("""
                        {"datasetId": "%s", "variant": "DENOISING", "encoder": [8, 2],
                         "training": {"epochs": 3, "optimizer": "SGD"}}""".formatted(DATASET))
                        .header("Idempotency-Key", "nightly-1"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/jobs/" + JOB))
                .andExpect(header().string("Idempotent-Replayed", "false"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(JOB.toString()))
                .andExpect(jsonPath("$.status").value("QUEUED"));

        ArgumentCaptor<TrainingSpec> spec = ArgumentCaptor.forClass(TrainingSpec.class);
        verify(jobs).submit(spec.capture(), eq("nightly-1"));
        assertThat(spec.getValue().datasetId()).isEqualTo(DATASET);
        assertThat(spec.getValue().variant()).isEqualTo(Variant.DENOISING);
        assertThat(spec.getValue().encoder()).containsExactly(8, 2);
        assertThat(spec.getValue().training().epochs()).isEqualTo(3);
        assertThat(spec.getValue().training().optimizer()).isEqualTo(OptimizerKind.SGD);
    }

    @Test
    void aSubmitThatLostAnIdempotencyKeyRaceAnswersWithTheJobThatWon() throws Exception {
        given(jobs.submit(any(), eq("k"))).willThrow(new DataIntegrityViolationException("duplicate idempotency_key"));
        given(jobs.hasIdempotencyKey("k")).willReturn(true);
        given(jobs.resubmit(any(), eq("k"))).willReturn(new TrainingJobs.Submission(queued(JOB), true));

        mvc.perform(submit(SPEC).header("Idempotency-Key", "k"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/jobs/" + JOB))
                .andExpect(header().string("Idempotent-Replayed", "true"));
    }

    @Test
    void anIntegrityViolationWithoutAStoredKeyIsAnInternalError() throws Exception {
        given(jobs.submit(any(), any())).willThrow(new DataIntegrityViolationException("some other constraint"));

        mvc.perform(submit(SPEC)).andExpect(problem(500, "internal"));
        mvc.perform(submit(SPEC).header("Idempotency-Key", "k")).andExpect(problem(500, "internal"));
        then(jobs).should().hasIdempotencyKey("k");
        then(jobs).should(never()).resubmit(any(), any());
    }

    @Test
    void malformedJsonIsAMalformedRequest() throws Exception {
        mvc.perform(submit("{\"datasetId\": ")).andExpect(problem(400, "malformed-request"));
        verifyNoInteractions(jobs);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
        mvc.perform(post("/api/v1/jobs").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(problem(415, "unsupported-media-type"));
        verifyNoInteractions(jobs);
    }

    @Test
    void everyUnknownFieldIsNamedByItsPathWithTheClosestKnownField() throws Exception {
        mvc.perform(submit("""
                        {"datasetId": "%s", "encodr": [8], "training": {"epoch": 3, "seed": 1},
                         "modalities": [{"name": "a", "columns": ["0"], "encoder": [2]},
                                        {"name": "b", "columns": ["1"], "encodr": [2], "wings": {"x": [1]}}],
                         "zzzzzz": {"nested": [1, 2]}}""".formatted(DATASET)))
                .andExpect(problem(422, "validation"))
                .andExpect(jsonPath("$.errors.length()").value(5))
                .andExpect(jsonPath("$.errors[0].field").value("encodr"))
                .andExpect(jsonPath("$.errors[0].reason").value("is not a known field; did you mean encoder?"))
                .andExpect(jsonPath("$.errors[1].field").value("training.epoch"))
                .andExpect(jsonPath("$.errors[1].reason").value("is not a known field; did you mean epochs?"))
                .andExpect(jsonPath("$.errors[2].field").value("modalities[1].encodr"))
                .andExpect(jsonPath("$.errors[2].reason").value("is not a known field; did you mean encoder?"))
                .andExpect(jsonPath("$.errors[3].field").value("modalities[1].wings"))
                .andExpect(jsonPath("$.errors[3].reason").value("is not a known field"))
                .andExpect(jsonPath("$.errors[4].field").value("zzzzzz"))
                .andExpect(jsonPath("$.errors[4].reason").value("is not a known field"))
                .andExpect(jsonPath("$.detail").value(containsString("encodr, training.epoch, modalities[1].encodr")));
        verifyNoInteractions(jobs);
    }

    @Test
    void everyVariantsDefaultsAsTheDashboardSendsThemAreAccepted() throws Exception {
        given(jobs.submit(any(), any())).willReturn(new TrainingJobs.Submission(queued(JOB), false));
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        for (Variant v : Variant.values()) {
            tools.jackson.databind.node.ObjectNode defaults = json.valueToTree(TrainingSpec.naming(v).withDefaults());
            defaults.put("datasetId", DATASET.toString());
            mvc.perform(submit(defaults.toString())).andExpect(status().isAccepted());
        }
    }

    @Test
    void anUnknownEnumValueIsAValidationErrorNamingTheField() throws Exception {
        mvc.perform(submit("{\"datasetId\": \"" + DATASET + "\", \"activation\": \"SWISH\"}"))
                .andExpect(problem(422, "validation"))
                .andExpect(firstErrorField("activation"))
                .andExpect(jsonPath("$.errors[0].reason").value(containsString("RELU")));
        mvc.perform(submit("{\"datasetId\": \"" + DATASET + "\", \"training\": {\"optimizer\": \"LBFGS\"}}"))
                .andExpect(problem(422, "validation"))
                .andExpect(firstErrorField("training.optimizer"));
        verifyNoInteractions(jobs);
    }

    @Test
    void aValueOfTheWrongTypeIsAValidationErrorNamingItsPath() throws Exception {
        mvc.perform(submit("{\"datasetId\": \"" + DATASET + "\", \"encoder\": [8, \"wide\"]}"))
                .andExpect(problem(422, "validation"))
                .andExpect(firstErrorField("encoder[1]"));
        verifyNoInteractions(jobs);
    }

    @Test
    void aMalformedJobIdIsAnInvalidParameter() throws Exception {
        mvc.perform(get("/api/v1/jobs/not-a-uuid"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("id"));
        mvc.perform(post("/api/v1/jobs/not-a-uuid/cancel"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("id"));
        verifyNoInteractions(jobs);
    }

    @Test
    void pagingOutsideItsRangeIsAnInvalidParameterNamingIt() throws Exception {
        mvc.perform(get("/api/v1/jobs").param("page", "-1"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("page"));
        mvc.perform(get("/api/v1/jobs").param("size", "0"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("size"));
        mvc.perform(get("/api/v1/jobs").param("size", "201"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("size"));
        mvc.perform(get("/api/v1/jobs").param("page", "first"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("page"));
        verifyNoInteractions(jobs);
    }

    @Test
    void pagingWithinItsRangeReachesTheService() throws Exception {
        given(jobs.list(3, 200)).willReturn(new JobPage(List.of(queued(JOB)), 3, 200, 601, 4));

        mvc.perform(get("/api/v1/jobs").param("page", "3").param("size", "200"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(JOB.toString()))
                .andExpect(jsonPath("$.totalPages").value(4));
    }

    @Test
    void anOverlongIdempotencyKeyIsAnInvalidParameter() throws Exception {
        mvc.perform(submit(SPEC).header("Idempotency-Key", "k".repeat(201)))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("idempotencyKey"));
        verifyNoInteractions(jobs);
    }

    @Test
    void anUnknownJobIsNotFound() throws Exception {
        given(jobs.get(JOB)).willThrow(ApiException.notFound("job", JOB));

        mvc.perform(get("/api/v1/jobs/" + JOB))
                .andExpect(problem(404, "not-found"))
                .andExpect(jsonPath("$.detail").value(containsString(JOB.toString())));
    }

    @Test
    void followingAnUnknownJobIsNotFoundAsProblemJsonEvenToAnEventStreamClient() throws Exception {
        given(jobs.events(JOB)).willThrow(ApiException.notFound("job", JOB));

        mvc.perform(get("/api/v1/jobs/" + JOB + "/events").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(problem(404, "not-found"));
    }

    @Test
    void anInvalidSpecIsUnprocessableNamingTheField() throws Exception {
        given(jobs.submit(any(), any())).willThrow(
                ApiException.invalid("invalid-spec", "training.epochs", "must be at least 1"));

        mvc.perform(submit(SPEC))
                .andExpect(problem(422, "invalid-spec"))
                .andExpect(firstErrorField("training.epochs"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be at least 1"));
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsAConflict() throws Exception {
        given(jobs.submit(any(), eq("k"))).willThrow(
                ApiException.conflict("idempotency-key-reused", "Idempotency-Key was already used"));

        mvc.perform(submit(SPEC).header("Idempotency-Key", "k")).andExpect(problem(409, "idempotency-key-reused"));
    }

    @Test
    void aFullQueueIsTooManyRequestsWithRetryAfter() throws Exception {
        given(jobs.submit(any(), any())).willThrow(ApiException.tooManyRequests("queue-full", "100 jobs are queued", 30));

        mvc.perform(submit(SPEC))
                .andExpect(problem(429, "queue-full"))
                .andExpect(header().string("Retry-After", "30"));
    }

    @Test
    void aDrainingNodeIsUnavailableWithRetryAfter() throws Exception {
        given(jobs.submit(any(), any())).willThrow(ApiException.unavailable("shutting-down", "draining", 5));

        mvc.perform(submit(SPEC))
                .andExpect(problem(503, "shutting-down"))
                .andExpect(header().string("Retry-After", "5"));
    }

    @Test
    void cancellingAFinishedJobIsAConflict() throws Exception {
        given(jobs.cancel(JOB)).willThrow(ApiException.conflict("job-not-cancellable", "Job is SUCCEEDED"));

        mvc.perform(post("/api/v1/jobs/" + JOB + "/cancel"))
                .andExpect(problem(409, "job-not-cancellable"))
                .andExpect(header().doesNotExist("Retry-After"));
    }

    @Test
    void aCancelIsAccepted() throws Exception {
        given(jobs.cancel(JOB)).willReturn(queued(JOB));

        mvc.perform(post("/api/v1/jobs/" + JOB + "/cancel"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").value(JOB.toString()));
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithoutItsStackTrace() throws Exception {
        given(jobs.get(JOB)).willThrow(new IllegalStateException("secret: connection pool exhausted"));

        mvc.perform(get("/api/v1/jobs/" + JOB))
                .andExpect(problem(500, "internal"))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred; it has been logged."))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() throws Exception {
        mvc.perform(delete("/api/v1/jobs/" + JOB))
                .andExpect(problem(405, "method-not-allowed"))
                .andExpect(header().string("Allow", containsString("GET")));
    }
}
