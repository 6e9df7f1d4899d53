package dev.hourglass.model;

import static dev.hourglass.support.ProblemJson.firstErrorField;
import static dev.hourglass.support.ProblemJson.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hourglass.system.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The /api/v1/models controller alone, its service mocked: reads, export, import and their problem+json. */
@WebMvcTest(ModelController.class)
class ModelControllerTests {

    private static final UUID MODEL = UUID.fromString("9a0e3c55-5b7d-4f43-8a31-0c6d2e1f7b10");
    private static final byte[] FILE = {'H', 'G', 'A', 'E', 0, 0, 0, 2};

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Models models;

    private static ModelView imported(UUID id) {
        return new ModelView(id, "fmnist", null, null, "BASIC", JsonMapper.builder().build().readTree("{\"variant\":\"BASIC\"}"),
                784, 64, 109_184, Map.of("imported", true), "ab".repeat(32), null, null, null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void anImportedFileIsCreatedWithItsLocation() throws Exception {
        given(models.importFile(FILE)).willReturn(imported(MODEL));

        mvc.perform(multipart("/api/v1/models/import").file(new MockMultipartFile("file", "m.hgae",
                        MediaType.APPLICATION_OCTET_STREAM_VALUE, FILE)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/models/" + MODEL))
                .andExpect(jsonPath("$.id").value(MODEL.toString()))
                .andExpect(jsonPath("$.jobId").doesNotExist())
                .andExpect(jsonPath("$.codeDim").value(64));
    }

    @Test
    void anExportIsTheStoredFileAsAnAttachment() throws Exception {
        given(models.exportFile(MODEL)).willReturn(FILE);

        mvc.perform(get("/api/v1/models/" + MODEL + "/export"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_OCTET_STREAM))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"hourglass-model-" + MODEL + ".hgae\""))
                .andExpect(content().bytes(FILE));
    }

    @Test
    void exportingAnUnknownModelIsNotFoundAsProblemJsonEvenToAClientThatAsksForBytes() throws Exception {
        given(models.exportFile(MODEL)).willThrow(ApiException.notFound("model", MODEL));

        mvc.perform(get("/api/v1/models/" + MODEL + "/export").accept(MediaType.APPLICATION_OCTET_STREAM))
                .andExpect(problem(404, "not-found"));
    }

    @Test
    void aFileThatIsNotAModelIsAnInvalidModelFileNamingThePart() throws Exception {
        given(models.importFile(any())).willThrow(
                ApiException.invalid("invalid-model-file", "file", "not an Hourglass model file"));

        mvc.perform(multipart("/api/v1/models/import").file(new MockMultipartFile("file", "x.bin",
                        MediaType.APPLICATION_OCTET_STREAM_VALUE, new byte[] {1, 2, 3})))
                .andExpect(problem(422, "invalid-model-file"))
                .andExpect(firstErrorField("file"))
                .andExpect(jsonPath("$.errors[0].reason").value("not an Hourglass model file"));
    }

    @Test
    void anImportWithoutAFilePartIsAMissingParameter() throws Exception {
        mvc.perform(multipart("/api/v1/models/import").file(new MockMultipartFile("model", "m.hgae",
                        MediaType.APPLICATION_OCTET_STREAM_VALUE, FILE)))
                .andExpect(problem(400, "missing-parameter"));
        verifyNoInteractions(models);
    }

    @Test
    void anImportThatIsNotMultipartIsAnUnsupportedMediaType() throws Exception {
        mvc.perform(post("/api/v1/models/import").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(problem(415, "unsupported-media-type"));
        verifyNoInteractions(models);
    }

    @Test
    void aMalformedModelIdIsAnInvalidParameter() throws Exception {
        for (String path : List.of("/api/v1/models/42", "/api/v1/models/42/metrics", "/api/v1/models/42/export")) {
            mvc.perform(get(path))
                    .andExpect(problem(400, "invalid-parameter"))
                    .andExpect(firstErrorField("id"));
        }
        verifyNoInteractions(models);
    }

    @Test
    void pagingOutsideItsRangeIsAnInvalidParameterNamingIt() throws Exception {
        mvc.perform(get("/api/v1/models").param("page", "-1"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("page"));
        mvc.perform(get("/api/v1/models").param("size", "500"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("size"));
        verifyNoInteractions(models);
    }

    @Test
    void anUnknownModelIsNotFound() throws Exception {
        given(models.get(MODEL)).willThrow(ApiException.notFound("model", MODEL));
        given(models.metrics(MODEL)).willThrow(ApiException.notFound("model", MODEL));

        mvc.perform(get("/api/v1/models/" + MODEL)).andExpect(problem(404, "not-found"));
        mvc.perform(get("/api/v1/models/" + MODEL + "/metrics")).andExpect(problem(404, "not-found"));
    }

    @Test
    void aModelIsReadAsJson() throws Exception {
        given(models.get(MODEL)).willReturn(imported(MODEL));

        mvc.perform(get("/api/v1/models/" + MODEL))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.spec.variant").value("BASIC"))
                .andExpect(jsonPath("$.weightsSha256").value("ab".repeat(32)));
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() throws Exception {
        mvc.perform(delete("/api/v1/models/" + MODEL)).andExpect(problem(405, "method-not-allowed"));
        verifyNoInteractions(models);
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithoutItsStackTrace() throws Exception {
        given(models.metrics(MODEL)).willThrow(new IllegalStateException("secret: metrics table corrupt"));

        mvc.perform(get("/api/v1/models/" + MODEL + "/metrics"))
                .andExpect(problem(500, "internal"))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }
}
