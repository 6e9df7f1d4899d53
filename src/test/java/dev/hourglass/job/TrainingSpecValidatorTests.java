package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Specs whose matrices the engine could not index, or whose memory the estimate must count. */
class TrainingSpecValidatorTests {

    private static TrainingSpec spec(String json) {
        return JsonMapper.builder().build().readValue(json.replace("$ID", UUID.randomUUID().toString()), TrainingSpec.class)
                .withDefaults();
    }

    @Test
    void stackingKeepsEveryRowsCodesSoTheirCountMustFitAnArray() {
        // 60,000 rows × a 40,000-wide first layer = 2.4e9 codes ≥ 2³¹
        TrainingSpec stacked = spec("{\"datasetId\": \"$ID\", \"variant\": \"STACKED\", \"encoder\": [40000, 16]}");
        List<FieldProblem> errors = new ArrayList<>();
        TrainingSpecValidator.checkArraySizes(60_000, 100, stacked, errors);
        assertThat(errors).extracting(FieldProblem::field).containsExactly("encoder");
        assertThat(TrainingSpecValidator.estimatedTrainingBytes(60_000, 100, stacked))
                .as("the codes (9.6 GB) are part of the estimate").isGreaterThan(60_000L * 40_000 * 4);
    }

    @Test
    void aVariationalBatchScalesWithItsSamples() {
        TrainingSpec vae = spec("{\"datasetId\": \"$ID\", \"variant\": \"VARIATIONAL\", \"encoder\": [512],"
                + " \"variational\": {\"samples\": 64}, \"training\": {\"batchSize\": 65536}}");
        List<FieldProblem> errors = new ArrayList<>();
        TrainingSpecValidator.checkArraySizes(60_000, 784, vae, errors);   // 60,000 × 64 × 784 ≥ 2³¹
        assertThat(errors).extracting(FieldProblem::field).containsExactly("training.batchSize");
        TrainingSpec one = spec("{\"datasetId\": \"$ID\", \"variant\": \"VARIATIONAL\", \"encoder\": [512]}");
        assertThat(TrainingSpecValidator.estimatedTrainingBytes(60_000, 784, vae))
                .isGreaterThan(TrainingSpecValidator.estimatedTrainingBytes(60_000, 784, one));
    }

    @Test
    void anOrdinarySpecPasses() {
        List<FieldProblem> errors = new ArrayList<>();
        TrainingSpecValidator.checkArraySizes(60_000, 784, spec("{\"datasetId\": \"$ID\", \"encoder\": [256, 64]}"), errors);
        assertThat(errors).isEmpty();
    }
}
