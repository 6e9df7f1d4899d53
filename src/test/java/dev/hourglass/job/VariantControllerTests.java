package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.hourglass.engine.spec.Variant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /variants}: every variant in enum order, its description and the defaults POST /jobs would apply. */
@WebMvcTest(VariantController.class)
class VariantControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private JsonNode variants() throws Exception {
        String body = mvc.perform(get("/api/v1/variants"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body).path("variants");
    }

    @Test
    void everyVariantInEnumOrderHasTheDefaultsOfASpecNamingOnlyIt() throws Exception {
        JsonNode variants = variants();

        assertThat(variants).hasSize(Variant.values().length);
        for (Variant v : Variant.values()) {
            JsonNode entry = variants.get(v.ordinal());
            assertThat(entry.path("variant").asString()).isEqualTo(v.name());
            assertThat(entry.path("description").asString()).isNotBlank();
            TrainingSpec defaults = new TrainingSpec(null, null, v, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null).withDefaults();
            assertThat(entry.path("defaults").toString()).as(v.name()).isEqualTo(json.writeValueAsString(defaults));
            assertThat(json.treeToValue(entry.path("defaults"), TrainingSpec.class)).as(v.name()).isEqualTo(defaults);
            assertThat(entry.path("defaults").path("datasetId").isNull()).isTrue();
        }
    }

    @Test
    void eachVariantsOwnBlockIsFilledIn() throws Exception {
        JsonNode variants = variants();

        JsonNode basic = variants.get(Variant.BASIC.ordinal()).path("defaults");
        assertThat(basic.path("encoder").toString()).isEqualTo("[64]");
        assertThat(basic.path("noise").isNull()).isTrue();
        assertThat(basic.path("training").path("epochs").asInt()).isEqualTo(10);
        assertThat(basic.path("training").path("learningRate").asDouble()).isEqualTo(0.001);

        JsonNode denoising = variants.get(Variant.DENOISING.ordinal()).path("defaults");
        assertThat(denoising.path("noise").path("type").asString()).isEqualTo("MASKING");
        assertThat(denoising.path("noise").path("level").asDouble()).isEqualTo(0.3);

        JsonNode sparse = variants.get(Variant.SPARSE.ordinal()).path("defaults");
        assertThat(sparse.path("sparsity").path("target").asDouble()).isEqualTo(0.05);
        assertThat(sparse.path("sparsity").path("weight").asDouble()).isEqualTo(3.0);
        assertThat(sparse.path("codeActivation").asString()).as("KL sparsity needs a code in (0,1)").isEqualTo("SIGMOID");

        assertThat(variants.get(Variant.CONTRACTIVE.ordinal()).path("defaults").path("contractive").path("weight")
                .asDouble()).isEqualTo(1e-4);
        JsonNode variational = variants.get(Variant.VARIATIONAL.ordinal()).path("defaults").path("variational");
        assertThat(variational.path("latentDim").asInt()).isEqualTo(32);
        assertThat(variational.path("likelihood").asString()).isEqualTo("BERNOULLI");
        assertThat(variants.get(Variant.STACKED.ordinal()).path("defaults").path("stacked").path("pretrainEpochs")
                .asInt()).isEqualTo(5);

        JsonNode multimodal = variants.get(Variant.MULTIMODAL.ordinal());
        assertThat(multimodal.path("defaults").path("modalities").isNull()).isTrue();
        assertThat(multimodal.path("defaults").path("multimodal").path("alignment").asDouble()).isEqualTo(0.0);
        assertThat(multimodal.path("description").asString()).contains("modalities").contains("required");
    }
}
