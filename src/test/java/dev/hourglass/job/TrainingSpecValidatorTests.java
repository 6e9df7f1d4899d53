package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.IntStream;

import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.DataProfile;
import dev.hourglass.engine.spec.Problem;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Specs whose matrices the engine could not index, or whose memory the estimate must count, in the spec's terms. */
class TrainingSpecValidatorTests {

    private static TrainingSpec spec(String json) {
        return JsonMapper.builder().build().readValue(json.replace("$ID", UUID.randomUUID().toString()), TrainingSpec.class)
                .withDefaults();
    }

    private static AutoencoderSpec engine(TrainingSpec spec, int columns) {
        return EngineSpecs.of(spec, IntStream.range(0, columns).mapToObj(c -> "col" + c).toList(), null, 1);
    }

    private static java.util.List<String> fields(TrainingSpec spec, int rows, int columns) {
        return engine(spec, columns).problems(new DataProfile(rows, columns, true)).stream()
                .map(Problem::field).map(EngineSpecs::fieldPath).toList();
    }

    @Test
    void stackingKeepsEveryRowsCodesSoTheirCountMustFitAnArray() {
        // 60,000 rows × a 40,000-wide first layer = 2.4e9 codes ≥ 2³¹
        TrainingSpec stacked = spec("{\"datasetId\": \"$ID\", \"variant\": \"STACKED\", \"encoder\": [40000, 16]}");
        assertThat(fields(stacked, 60_000, 100)).containsExactly("encoder");
        assertThat(engine(stacked, 100).estimatedTrainingBytes(60_000))
                .as("the codes (9.6 GB) are part of the estimate").isGreaterThan(60_000L * 40_000 * 4);
    }

    @Test
    void aVariationalBatchScalesWithItsSamples() {
        TrainingSpec vae = spec("{\"datasetId\": \"$ID\", \"variant\": \"VARIATIONAL\", \"encoder\": [512],"
                + " \"variational\": {\"samples\": 64}, \"training\": {\"batchSize\": 65536}}");
        assertThat(fields(vae, 60_000, 784)).containsExactly("training.batchSize");   // 60,000 × 64 × 784 ≥ 2³¹
        TrainingSpec one = spec("{\"datasetId\": \"$ID\", \"variant\": \"VARIATIONAL\", \"encoder\": [512]}");
        assertThat(engine(vae, 784).estimatedTrainingBytes(60_000))
                .isGreaterThan(engine(one, 784).estimatedTrainingBytes(60_000));
    }

    @Test
    void anOrdinarySpecPasses() {
        assertThat(fields(spec("{\"datasetId\": \"$ID\", \"encoder\": [256, 64]}"), 60_000, 784)).isEmpty();
    }

    @Test
    void engineFieldPathsBecomeTheSpecsOwn() {
        assertThat(EngineSpecs.fieldPath("architecture.encoder[1]")).isEqualTo("encoder[1]");
        assertThat(EngineSpecs.fieldPath("architecture.variational.likelihood")).isEqualTo("variational.likelihood");
        assertThat(EngineSpecs.fieldPath("training.stacking.pretrainEpochs")).isEqualTo("stacked.pretrainEpochs");
        assertThat(EngineSpecs.fieldPath("training.noise.level")).isEqualTo("noise.level");
        assertThat(EngineSpecs.fieldPath("training.loss")).isEqualTo("loss");
        assertThat(EngineSpecs.fieldPath("training.epochs")).isEqualTo("training.epochs");
        assertThat(EngineSpecs.fieldPath("normalization")).isEqualTo("normalization");
    }
}
