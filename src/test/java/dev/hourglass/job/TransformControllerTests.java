package dev.hourglass.job;

import static dev.hourglass.support.ProblemJson.problem;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The transform submit alone, its service mocked: how its body binds. */
@WebMvcTest(TransformController.class)
class TransformControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TrainingJobs jobs;

    @Test
    void aMisspelledFieldIsNamedWithTheClosestKnownField() throws Exception {
        mvc.perform(post("/api/v1/models/9a0e3c55-5b7d-4f43-8a31-0c6d2e1f7b10/transform")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"datasetId\": \"3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b\", \"ouput\": \"CODES\"}"))
                .andExpect(problem(422, "validation"))
                .andExpect(jsonPath("$.errors[0].field").value("ouput"))
                .andExpect(jsonPath("$.errors[0].reason").value("is not a known field; did you mean output?"));
        verifyNoInteractions(jobs);
    }
}
