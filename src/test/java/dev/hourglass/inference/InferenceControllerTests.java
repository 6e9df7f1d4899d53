package dev.hourglass.inference;

import static dev.hourglass.support.ProblemJson.firstErrorField;
import static dev.hourglass.support.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import dev.hourglass.inference.InferenceRequests.EncodeResult;
import dev.hourglass.inference.InferenceRequests.ReconstructionResult;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The inference controller alone, its service mocked. The JSON body limit is lowered to 1 KB to show that
 * the RequestSizeLimit filter guards these endpoints in the slice as in production, and the row limit to 3 to
 * show rows refused while the body is read.
 */
@WebMvcTest(controllers = InferenceController.class, properties = {"hourglass.limits.max-json-body=1KB",
        "hourglass.limits.max-inference-rows=3"})
class InferenceControllerTests {

    private static final UUID MODEL = UUID.fromString("9a0e3c55-5b7d-4f43-8a31-0c6d2e1f7b10");
    private static final String BASE = "/api/v1/models/" + MODEL;

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Inference inference;

    private static MockHttpServletRequestBuilder json(String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void encodingReturnsTheCodes() throws Exception {
        given(inference.encode(eq(MODEL), any(), eq(null)))
                .willReturn(new EncodeResult(new float[][] {{0.25f, -1.5f}}, null));

        mvc.perform(json(BASE + "/encode", "{\"instances\": [[1, 2, 3]]}"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.codes[0][0]").value(0.25))
                .andExpect(jsonPath("$.codes[0][1]").value(-1.5));
    }

    @Test
    void reconstructingReturnsRowsAndTheirErrors() throws Exception {
        given(inference.reconstruct(eq(MODEL), any()))
                .willReturn(new ReconstructionResult(new float[][] {{1f, 2f}}, new double[] {0.125}));

        mvc.perform(json(BASE + "/reconstruct", "{\"instances\": [[1, 2]]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reconstructions[0][1]").value(2.0))
                .andExpect(jsonPath("$.errors[0]").value(0.125));
    }

    @Test
    void nanAndInfinityLiteralsReachTheServiceSoItCanNameTheCell() throws Exception {
        given(inference.encode(eq(MODEL), any(), any())).willReturn(new EncodeResult(new float[][] {{0f}}, null));

        mvc.perform(json(BASE + "/encode", "{\"instances\": [[NaN, Infinity, -Infinity]]}"))
                .andExpect(status().isOk());

        ArgumentCaptor<Rows> instances = ArgumentCaptor.forClass(Rows.class);
        verify(inference).encode(eq(MODEL), instances.capture(), eq(null));
        JsonNode row = instances.getValue().node(0);
        assertThat(row.get(0).doubleValue()).isNaN();
        assertThat(row.get(1).doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(row.get(2).doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void badRowsAreInvalidRowsNamingRowAndColumn() throws Exception {
        given(inference.encode(eq(MODEL), any(), any())).willThrow(ApiException.invalid("invalid-rows",
                "Row instances[0][2] is NaN", List.of(new FieldProblem("instances[0][2]", "is NaN"))));

        mvc.perform(json(BASE + "/encode", "{\"instances\": [[1, 2, NaN]]}"))
                .andExpect(problem(422, "invalid-rows"))
                .andExpect(firstErrorField("instances[0][2]"))
                .andExpect(jsonPath("$.errors[0].reason").value("is NaN"));
    }

    @Test
    void tooManyRowsAreContentTooLarge() throws Exception {
        given(inference.decode(eq(MODEL), any())).willThrow(
                ApiException.tooLarge("too-many-rows", "codes has 10001 rows; the limit per request is 10000"));

        mvc.perform(json(BASE + "/decode", "{\"codes\": [[0.5]]}")).andExpect(problem(413, "too-many-rows"));
    }

    @Test
    void theRowBeyondTheLimitIsRefusedAsItBeginsTheRestOfTheBodyUnread() throws Exception {
        // what follows the fourth row is no JSON: read whole first, the body would be a 400 malformed-request
        mvc.perform(json(BASE + "/encode", "{\"instances\": [[1, 2], [3, 4], [5, 6], [7, 8], this is not JSON"))
                .andExpect(problem(413, "too-many-rows"))
                .andExpect(jsonPath("$.detail").value("instances has 4 rows or more; the limit per request is 3"));
        mvc.perform(json(BASE + "/encode", "{\"modalities\": {\"left\": [[1], [2], [3], [4], [5]]}}"))
                .andExpect(problem(413, "too-many-rows"))
                .andExpect(jsonPath("$.detail").value("modalities.left has 4 rows or more; the limit per request is 3"));

        verifyNoInteractions(inference);
    }

    @Test
    void samplingFromADeterministicModelIsNotVariational() throws Exception {
        given(inference.sample(MODEL, 4, 7L)).willThrow(
                ApiException.invalid("not-variational", "model", "only variational models can sample from a prior"));

        mvc.perform(json(BASE + "/sample", "{\"count\": 4, \"seed\": 7}"))
                .andExpect(problem(422, "not-variational"))
                .andExpect(firstErrorField("model"));
    }

    @Test
    void anUnknownModelIsNotFound() throws Exception {
        given(inference.reconstruct(eq(MODEL), any())).willThrow(ApiException.notFound("model", MODEL));

        mvc.perform(json(BASE + "/reconstruct", "{\"instances\": [[1]]}")).andExpect(problem(404, "not-found"));
    }

    @Test
    void aMalformedModelIdIsAnInvalidParameter() throws Exception {
        mvc.perform(json("/api/v1/models/not-a-uuid/encode", "{\"instances\": [[1]]}"))
                .andExpect(problem(400, "invalid-parameter"))
                .andExpect(firstErrorField("id"));
        verifyNoInteractions(inference);
    }

    @Test
    void malformedJsonIsAMalformedRequest() throws Exception {
        mvc.perform(json(BASE + "/encode", "{\"instances\": [[1, 2"))
                .andExpect(problem(400, "malformed-request"));
        verifyNoInteractions(inference);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
        mvc.perform(post(BASE + "/encode").contentType(MediaType.TEXT_PLAIN).content("1,2,3"))
                .andExpect(problem(415, "unsupported-media-type"));
        verifyNoInteractions(inference);
    }

    @Test
    void aFieldOfTheWrongTypeIsAValidationErrorNamingIt() throws Exception {
        mvc.perform(json(BASE + "/encode", "{\"instances\": [[1]], \"includeVariance\": \"maybe\"}"))
                .andExpect(problem(422, "validation"))
                .andExpect(firstErrorField("includeVariance"));
        mvc.perform(json(BASE + "/sample", "{\"count\": \"many\"}"))
                .andExpect(problem(422, "validation"))
                .andExpect(firstErrorField("count"));
        verifyNoInteractions(inference);
    }

    @Test
    void anUnknownFieldIsAValidationErrorSuggestingTheKnownOne() throws Exception {
        mvc.perform(json(BASE + "/encode", "{\"instances\": [[1]], \"includeVariences\": true}"))
                .andExpect(problem(422, "validation"))
                .andExpect(firstErrorField("includeVariences"))
                .andExpect(jsonPath("$.errors[0].reason").value("is not a known field; did you mean includeVariance?"));
        mvc.perform(json(BASE + "/reconstruct", "{\"instance\": [[1]]}"))
                .andExpect(problem(422, "validation"))
                .andExpect(jsonPath("$.errors[0].reason").value("is not a known field; did you mean instances?"));
        verifyNoInteractions(inference);
    }

    @Test
    void aBodyOverTheJsonLimitIsRefusedBeforeTheServiceSeesIt() throws Exception {
        String big = "{\"instances\": [[" + "1,".repeat(1000) + "1]]}";

        mvc.perform(json(BASE + "/encode", big)).andExpect(problem(413, "request-too-large"));
        verifyNoInteractions(inference);
    }

    @Test
    void aGetIsMethodNotAllowed() throws Exception {
        mvc.perform(get(BASE + "/encode")).andExpect(problem(405, "method-not-allowed"));
        verifyNoInteractions(inference);
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithoutItsStackTrace() throws Exception {
        given(inference.encode(eq(MODEL), any(), any())).willThrow(new ArrayIndexOutOfBoundsException("secret: 784"));

        mvc.perform(json(BASE + "/encode", "{\"instances\": [[1]]}"))
                .andExpect(problem(500, "internal"))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("ArrayIndexOutOfBounds"))));
    }
}
