package dev.hourglass.inference;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import dev.hourglass.support.PlainModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The protocol controllers with the real inference service over a model cache that serves a model without
 * calibration (as files from before calibration load): no is_anomaly or p_value anywhere. Also the probes
 * while the node is not ready, and a bug's 500 in the protocols' shape.
 */
@WebMvcTest(controllers = {TfServingController.class, KServeController.class})
@Import(Inference.class)
class ServingProtocolControllerTests {

    private static final UUID ID = UUID.fromString("5d1f0b7e-2a44-4c1b-9e0a-7b2c3d4e5f60");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ModelCache cache;

    @MockitoBean
    ApplicationAvailability availability;

    @BeforeEach
    void uncalibratedModel() {
        given(cache.get(ID)).willReturn(PlainModel.of(ID));
        given(availability.getLivenessState()).willReturn(LivenessState.CORRECT);
        given(availability.getReadinessState()).willReturn(ReadinessState.ACCEPTING_TRAFFIC);
    }

    /** The protocols' own specs let a body carry more than they define (KServe's extensions): no 422 there. */
    @Test
    void theServingProtocolsIgnoreFieldsTheyDoNotDefine() throws Exception {
        mvc.perform(post("/v2/models/" + ID + "/infer").contentType(MediaType.APPLICATION_JSON).content(
                        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3],"
                                + " \"extension\": 1}], \"extension\": {\"a\": 1}}"))
                .andExpect(status().isOk());
        mvc.perform(post("/v1/models/" + ID + ":predict").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"instances\": [[1, 2, 3]], \"extension\": true}"))
                .andExpect(status().isOk());
    }

    @Test
    void anUncalibratedModelHasNoFlagsOrPValues() throws Exception {
        mvc.perform(get("/v2/models/" + ID))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outputs[*].name").value(contains("code", "reconstruction", "score")));
        mvc.perform(post("/v2/models/" + ID + "/infer").contentType(MediaType.APPLICATION_JSON).content(
                        "{\"inputs\": [{\"name\": \"input\", \"shape\": [2, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4, 5, 6]}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outputs[*].name").value(contains("code", "reconstruction", "score")))
                .andExpect(jsonPath("$.outputs[0].shape").value(contains(2, 2)))
                .andExpect(jsonPath("$.outputs[2].data.length()").value(2));
        mvc.perform(post("/v2/models/" + ID + "/infer").contentType(MediaType.APPLICATION_JSON).content(
                        "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [1, 2, 3]}],"
                                + " \"outputs\": [{\"name\": \"is_anomaly\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("need a calibrated model")));
        mvc.perform(post("/v1/models/" + ID + ":predict").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"signature_name\": \"score\", \"instances\": [[1, 2, 3]]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0].score").isNumber())
                .andExpect(jsonPath("$.predictions[0].is_anomaly").doesNotExist())
                .andExpect(jsonPath("$.predictions[0].p_value").doesNotExist());
    }

    @Test
    void aBodyWithoutContentTypeIsReadAsJson() throws Exception {
        mvc.perform(post("/v1/models/" + ID + ":predict").content("{\"instances\": [[1, 2, 3]]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0].length()").value(2));
    }

    @Test
    void theProbesAnswer503WhileTheNodeIsNotReadyOrBroken() throws Exception {
        given(availability.getReadinessState()).willReturn(ReadinessState.REFUSING_TRAFFIC);
        given(availability.getLivenessState()).willReturn(LivenessState.BROKEN);

        mvc.perform(get("/v2/health/ready")).andExpect(status().isServiceUnavailable())
                .andExpect(content().json("{\"ready\": false}", true));
        mvc.perform(get("/v2/health/live")).andExpect(status().isServiceUnavailable())
                .andExpect(content().json("{\"live\": false}", true));
    }

    @Test
    void aBugIsA500ErrorObjectWithoutDetails() throws Exception {
        given(cache.get(any())).willThrow(new IllegalStateException("secret internals"));

        mvc.perform(get("/v2/models/" + ID))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error").value(containsString("unexpected")))
                .andExpect(content().string(not(containsString("secret"))));
    }
}
