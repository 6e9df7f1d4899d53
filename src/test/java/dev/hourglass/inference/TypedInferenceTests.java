package dev.hourglass.inference;

import static dev.hourglass.support.ProblemJson.firstErrorField;
import static dev.hourglass.support.ProblemJson.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.in;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import dev.hourglass.engine.anomaly.AnomalyScorer;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.table.MixedTable;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.support.PlainModel;
import dev.hourglass.support.TypedModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inference on a model trained on a typed table ({@link TypedModel}: x1, region, x2, x3, tier, x4), through the
 * native API and the serving protocols, with the real inference service over a mocked model cache.
 */
@WebMvcTest(controllers = {InferenceController.class, TfServingController.class, KServeController.class})
@Import(Inference.class)
class TypedInferenceTests {

    private static final UUID PLAIN = UUID.fromString("5d1f0b7e-2a44-4c1b-9e0a-7b2c3d4e5f60");
    private static final String BASE = "/api/v1/models/" + TypedModel.ID;
    /** Two rows of the synthetic table (north is gold), one as an object with missing cells, one as an array. */
    private static final String ROWS = "[{\"x1\": 13.1, \"region\": \"north\", \"x2\": null, \"x3\": 12.0, "
            + "\"tier\": null, \"x4\": 10.9}, [7.2, \"south\", 4.9, 6.8, \"silver\", 10.5]]";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    ModelCache cache;

    @MockitoBean
    ApplicationAvailability availability;

    @BeforeEach
    void models() {
        given(cache.get(TypedModel.ID)).willReturn(TypedModel.get());
        given(cache.get(PLAIN)).willReturn(PlainModel.of(PLAIN));
    }

    private ResultActions call(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    @Test
    void objectRowsComeBackAsObjectsAndArrayRowsAsArraysWithLevelNames() throws Exception {
        call(BASE + "/reconstruct", "{\"instances\": " + ROWS + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reconstructions[0].x1").isNumber())
                .andExpect(jsonPath("$.reconstructions[0].region").value(in(MixedTable.REGIONS)))
                .andExpect(jsonPath("$.reconstructions[0].tier").value("gold"))
                .andExpect(jsonPath("$.reconstructions[1].length()").value(6))
                .andExpect(jsonPath("$.reconstructions[1][1]").value("south"))
                .andExpect(jsonPath("$.reconstructions[1][4]").value("silver"))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.warnings").doesNotExist())
                .andExpect(jsonPath("$.probabilities").doesNotExist());
    }

    @Test
    void numbersComeBackInTheCallersUnits() throws Exception {
        JsonNode row = body(call(BASE + "/reconstruct", "{\"instances\": " + ROWS + "}")).get("reconstructions").get(1);

        // the synthetic columns are 10 + 3·value: a trained model reconstructs x1 = 7.2 near it, not near 0
        assertThat(row.get(0).doubleValue()).isCloseTo(7.2, within(2.0));
    }

    @Test
    void probabilitiesGiveEachCategoricalColumnsLevels() throws Exception {
        JsonNode p = body(call(BASE + "/reconstruct", "{\"instances\": " + ROWS + ", \"probabilities\": true}")
                .andExpect(status().isOk())).get("probabilities");

        assertThat(p.get(0).propertyNames()).containsExactly("region", "tier");
        assertThat(p.get(0).get("region").propertyNames()).containsExactlyElementsOf(MixedTable.REGIONS);
        double sum = 0;
        for (JsonNode level : p.get(1).get("tier")) {
            sum += level.doubleValue();
        }
        assertThat(sum).isCloseTo(1, within(1e-5));
        assertThat(p.get(1).get("tier").get("silver").doubleValue()).isGreaterThan(0.5);
    }

    @Test
    void anUnseenLevelIsMissingAndWarned() throws Exception {
        call(BASE + "/reconstruct", "{\"instances\": [{\"x1\": 13.1, \"region\": \"purple\", \"x2\": 12.5, "
                + "\"x3\": 12.0, \"tier\": \"gold\", \"x4\": 10.9}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reconstructions[0].region").value(in(MixedTable.REGIONS)))
                .andExpect(jsonPath("$.warnings").value(contains(
                        "instances[0].region: level \"purple\" was not seen in training; treated as missing")));
    }

    @Test
    void reconstructionErrorsAreTheTypedMseScores() throws Exception {
        JsonNode errors = body(call(BASE + "/reconstruct", "{\"instances\": " + ROWS + "}")).get("errors");
        JsonNode scored = body(call(BASE + "/score", "{\"instances\": " + ROWS + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scoreType").value("MSE"))).get("scores");

        assertThat(errors.get(0).doubleValue()).isEqualTo(scored.get(0).doubleValue());
        assertThat(errors.get(1).doubleValue()).isEqualTo(scored.get(1).doubleValue());
    }

    @Test
    void scoresLeaveMissingCellsOutAndAttributeToTableColumns() throws Exception {
        LoadedModel model = TypedModel.get();
        // row 0 of ROWS in the table's terms: region north = 1, x2 and tier missing
        float[] values = {13.1f, 1, 0, 12.0f, 0, 10.9f};
        boolean[] missing = {false, false, true, false, true, false};
        float[] x = model.table().codec().encode(values, missing, 1);
        double expected = AnomalyScorer.score(model.autoencoder(), x, new float[] {1, 1, 0, 1, 0, 1}, 1,
                AnomalyScore.MSE, 1, 0, false).scores()[0];

        JsonNode answer = body(call(BASE + "/score", "{\"instances\": " + ROWS + ", \"features\": true, \"top\": 6}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.features[0].length()").value(6))
                .andExpect(jsonPath("$.features[0][2]").value(0.0))
                .andExpect(jsonPath("$.top[0].length()").value(6))
                .andExpect(jsonPath("$.anomalies.length()").value(2))
                .andExpect(jsonPath("$.pValues.length()").value(2)));

        assertThat(answer.get("scores").get(0).doubleValue()).isEqualTo(expected);
        assertThat(answer.get("top").get(0).findValuesAsString("column")).containsExactlyInAnyOrderElementsOf(
                MixedTable.SYNTHETIC_COLUMNS);
    }

    @Test
    void imputationFillsExactlyTheMissingCellsAndLeavesTheOthersAsGiven() throws Exception {
        String rows = "[{\"x1\": 13.10, \"region\": \"north\", \"x2\": null, \"x3\": 12.0, \"tier\": null, "
                + "\"x4\": 10.9}, [7.2, null, 4.9, 6.8, \"silver\", 10.5], [7.5, \"west\", 5, 7, \"purple\", 9]]";
        JsonNode sent = json.readTree(rows);

        JsonNode answer = body(call(BASE + "/impute", "{\"instances\": " + rows + "}").andExpect(status().isOk()));

        JsonNode filled = answer.get("instances");
        assertThat(answer.get("imputed").toString()).isEqualTo("[[\"x2\",\"tier\"],[\"region\"],[]]");
        assertThat(filled.get(0).get("x2").isNumber()).isTrue();
        assertThat(filled.get(0).get("tier").stringValue()).isEqualTo("gold");
        assertThat(filled.get(1).get(1).stringValue()).isIn(MixedTable.REGIONS);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 6; c++) {
                String column = MixedTable.SYNTHETIC_COLUMNS.get(c);
                JsonNode given = sent.get(r).isObject() ? sent.get(r).get(column) : sent.get(r).get(c);
                JsonNode back = filled.get(r).isObject() ? filled.get(r).get(column) : filled.get(r).get(c);
                if (!given.isNull()) {
                    assertThat(back).as("row %d, %s", r, column).isEqualTo(given);
                }
            }
        }
        assertThat(filled.get(0).propertyNames()).containsExactlyElementsOf(MixedTable.SYNTHETIC_COLUMNS);
        assertThat(answer.get("warnings").get(0).stringValue()).startsWith("instances[2][4]: level \"purple\"");
    }

    @Test
    void aPlainModelCannotImpute() throws Exception {
        call("/api/v1/models/" + PLAIN + "/impute", "{\"instances\": [[1, null, 3]]}")
                .andExpect(problem(422, "not-a-typed-model"))
                .andExpect(firstErrorField("model"));
    }

    @Test
    void badTypedRowsAreInvalidRowsNamingTheCell() throws Exception {
        call(BASE + "/reconstruct", "{\"instances\": [{\"x1\": 13.1, \"colour\": \"north\", \"x2\": null, "
                + "\"x3\": 12.0, \"tier\": null, \"x4\": 10.9}]}")
                .andExpect(problem(422, "invalid-rows"))
                .andExpect(firstErrorField("instances[0].colour"))
                .andExpect(jsonPath("$.errors[1].field").value("instances[0].region"));
        call(BASE + "/score", "{\"instances\": [[\"13.1\", \"north\", 1, 2, \"gold\", 3]]}")
                .andExpect(problem(422, "invalid-rows"))
                .andExpect(firstErrorField("instances[0][0]"));
        call(BASE + "/impute", "{\"instances\": [[null, null, null, null, null, null]]}")
                .andExpect(problem(422, "invalid-rows"))
                .andExpect(firstErrorField("instances[0]"));
    }

    @Test
    void encodeTakesTheSameRowsAndDecodeAnswersArraysWithLevelNames() throws Exception {
        JsonNode codes = body(call(BASE + "/encode", "{\"instances\": " + ROWS + "}").andExpect(status().isOk()))
                .get("codes");
        assertThat(codes.size()).isEqualTo(2);
        assertThat(codes.get(0).size()).isEqualTo(3);

        call(BASE + "/decode", "{\"codes\": " + codes + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reconstructions[0].length()").value(6))
                .andExpect(jsonPath("$.reconstructions[0][4]").value("gold"))
                .andExpect(jsonPath("$.reconstructions[1][1]").value(in(MixedTable.REGIONS)));
    }

    @Test
    void tfServingTakesObjectRowsAndAnswersInTheirForm() throws Exception {
        call("/v1/models/" + TypedModel.ID + ":predict", "{\"signature_name\": \"reconstruct\", \"instances\": "
                + "[{\"x1\": 13.1, \"region\": \"mars\", \"x2\": null, \"x3\": 12.0, \"tier\": null, \"x4\": 10.9}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[0].tier").isString())
                .andExpect(jsonPath("$.warnings[0]").value(containsString("\"mars\"")));
        call("/v1/models/" + TypedModel.ID + ":predict", "{\"signature_name\": \"score\", \"instances\": " + ROWS + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.predictions[1].score").isNumber())
                .andExpect(jsonPath("$.warnings").doesNotExist());
        call("/v1/models/" + TypedModel.ID + ":predict", "{\"instances\": [[1, \"north\"]]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("instances[0]")));
    }

    @Test
    void kserveTakesBytesForATypedModel() throws Exception {
        mvc.perform(get("/v2/models/" + TypedModel.ID))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inputs[0].datatype").value("BYTES"))
                .andExpect(jsonPath("$.inputs[0].shape").value(contains(-1, 6)))
                .andExpect(jsonPath("$.outputs[1].datatype").value("BYTES"));
        call("/v2/models/" + TypedModel.ID + "/infer", "{\"inputs\": [{\"name\": \"input\", \"shape\": [2, 6], "
                + "\"datatype\": \"BYTES\", \"data\": [13.1, \"north\", null, 12.0, null, 10.9, "
                + "7.2, \"venus\", 4.9, 6.8, \"silver\", 10.5]}]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outputs[*].name").value(contains("code", "reconstruction", "score",
                        "is_anomaly", "p_value")))
                .andExpect(jsonPath("$.outputs[1].datatype").value("BYTES"))
                .andExpect(jsonPath("$.outputs[1].shape").value(contains(2, 6)))
                .andExpect(jsonPath("$.outputs[1].data.length()").value(12))
                .andExpect(jsonPath("$.outputs[1].data[4]").value("gold"))
                .andExpect(jsonPath("$.outputs[2].data.length()").value(2))
                .andExpect(jsonPath("$.parameters.warnings[0]").value(containsString("input[1][1]")));
        call("/v2/models/" + PLAIN + "/infer", "{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 3], "
                + "\"datatype\": \"BYTES\", \"data\": [1, 2, 3]}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(containsString("typed tables")));
    }

    @Test
    void plainModelsAnswerAsBefore() throws Exception {
        call("/api/v1/models/" + PLAIN + "/reconstruct", "{\"instances\": [[1, 2, 3]], \"probabilities\": true}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reconstructions[0].length()").value(3))
                .andExpect(jsonPath("$.warnings").doesNotExist())
                .andExpect(jsonPath("$.probabilities").doesNotExist());
        call("/api/v1/models/" + PLAIN + "/encode", "{\"instances\": [{\"a\": 1}]}")
                .andExpect(problem(422, "invalid-rows"))
                .andExpect(firstErrorField("instances[0]"));
        assertThat(body(call("/api/v1/models/" + PLAIN + "/encode", "{\"instances\": [[1, 2, 3]]}"))
                .propertyNames()).containsExactly("codes", "logVariances");
    }
}
