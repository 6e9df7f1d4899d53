package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.hourglass.dataset.ColumnStats;
import dev.hourglass.dataset.ColumnType;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.dataset.LevelCount;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A MULTIMODAL spec (DESIGN §8.4) over a dataset: its modalities' columns resolve by name, index or range
 * into the network's input order, its defaults are documented, and every way it can be wrong is a 422
 * {@code invalid-spec} naming the field.
 */
class MultimodalSpecTests {

    private static final UUID DATASET = UUID.fromString("3f2b8a9e-1c4d-4e5f-9a6b-7c8d9e0f1a2b");
    private static final TrainingSpecValidator VALIDATOR = new TrainingSpecValidator(2, 50_000_000);

    /** A dataset of 10 numeric columns a0…a9 in [0, 1] and 100 rows. */
    private static DatasetView numeric() {
        List<String> names = new ArrayList<>();
        List<ColumnStats> stats = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            names.add("a" + c);
            stats.add(new ColumnStats("a" + c, 0.0, 1.0, 0.5, 0.2, ColumnType.NUMERIC, 0, null));
        }
        return view(names, stats);
    }

    private static DatasetView view(List<String> names, List<ColumnStats> stats) {
        return new DatasetView(DATASET, "d", "json", 100, names.size(), names, null, stats, "00", 1, Instant.EPOCH);
    }

    private static TrainingSpec spec(String modalitiesAndMore) {
        return JsonMapper.builder().build().readValue("{\"datasetId\": \"" + DATASET + "\", " + modalitiesAndMore + "}",
                TrainingSpec.class).withDefaults();
    }

    private static final String TWO = "\"variant\": \"MULTIMODAL\", \"encoder\": [4], \"modalities\": ["
            + "{\"name\": \"left\", \"columns\": [\"0-2\", \"a7\"], \"encoder\": [6]},"
            + "{\"name\": \"right\", \"columns\": [\"5\", \"3-4\"], \"encoder\": [5]}]";

    /** The fields of the 422 the validator answers. */
    private static List<String> refused(TrainingSpec spec, DatasetView dataset) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> VALIDATOR.validate(spec, dataset));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.typeUri().toString()).isEqualTo(ApiException.TYPE_BASE + "invalid-spec");
        return e.errors().stream().map(FieldProblem::field).toList();
    }

    @Test
    void modalitiesResolveByNameIndexAndRangeIntoTheNetworksOrder() {
        TrainingSpec spec = spec(TWO);
        VALIDATOR.validate(spec, numeric());

        ModalityColumns columns = ModalityColumns.resolve(spec.modalities(), numeric().featureNames());
        assertThat(columns.order()).containsExactly(0, 1, 2, 7, 5, 3, 4);
        AutoencoderSpec engine = DatasetLayouts.engineSpec(spec, numeric(), 1);
        Multimodal mm = engine.architecture().multimodal();
        assertThat(mm.modalities()).containsExactly(new Multimodal.Modality("left", 4, new int[] {6}),
                new Multimodal.Modality("right", 3, new int[] {5}));
        assertThat(engine.architecture().inputDim()).isEqualTo(7);
        // the branches side by side (6 + 5), then the shared encoder
        assertThat(engine.architecture().encoder()).containsExactly(11, 4);
        assertThat(DatasetLayouts.profile(spec, numeric()).columns()).isEqualTo(7);
    }

    @Test
    void theMultimodalBlockDefaultsToTwoThirdsAloneAndNoAlignment() {
        TrainingSpec spec = spec(TWO);
        assertThat(spec.multimodal().singleModalityFraction()).isEqualTo((double) Multimodal.DEFAULT_SINGLE_FRACTION);
        assertThat(spec.multimodal().alignment()).isZero();
        Multimodal mm = DatasetLayouts.engineSpec(spec, numeric(), 1).architecture().multimodal();
        assertThat(mm.singleModalityFraction()).isEqualTo(2f / 3f);
        assertThat(spec(TWO + ", \"multimodal\": {\"alignment\": 0.5}").multimodal().alignment()).isEqualTo(0.5);
        assertThat(spec("\"encoder\": [4]").multimodal()).as("no block for another variant").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // fewer than two modalities
            "one modality | [{\"name\": \"l\", \"columns\": [\"0-4\"], \"encoder\": [3]}] | modalities",
            "no modality | [] | modalities",
            // overlapping columns, by range, by index and by name
            "overlap | [{\"name\": \"l\", \"columns\": [\"0-4\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"4-6\"], \"encoder\": [3]}] | modalities[1].columns[0]",
            "overlap by name | [{\"name\": \"l\", \"columns\": [\"0-4\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"5\", \"a2\"], \"encoder\": [3]}] | modalities[1].columns[1]",
            "twice in one | [{\"name\": \"l\", \"columns\": [\"0-4\", \"3\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"5\"], \"encoder\": [3]}] | modalities[0].columns[1]",
            // unknown names, ranges outside the dataset or malformed
            "unknown name | [{\"name\": \"l\", \"columns\": [\"0-4\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"5\", \"b1\"], \"encoder\": [3]}] | modalities[1].columns[1]",
            "outside | [{\"name\": \"l\", \"columns\": [\"0-4\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"5-10\"], \"encoder\": [3]}] | modalities[1].columns[0]",
            "index outside | [{\"name\": \"l\", \"columns\": [\"12\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"5\"], \"encoder\": [3]}] | modalities[0].columns[0]",
            "backwards | [{\"name\": \"l\", \"columns\": [\"7-3\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].columns[0]",
            "letters | [{\"name\": \"l\", \"columns\": [\"a-b\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].columns[0]",
            "negative | [{\"name\": \"l\", \"columns\": [\"-1\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].columns[0]",
            "null entry | [{\"name\": \"l\", \"columns\": [null], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].columns[0]",
            // empty columns
            "empty columns | [{\"name\": \"l\", \"columns\": [], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].columns",
            "no columns | [{\"name\": \"l\", \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].columns",
            // encoders: missing, of different depths, not positive, beyond the width limit
            "no encoder | [{\"name\": \"l\", \"columns\": [\"0\"]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].encoder",
            "depths | [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [6, 3]}] | modalities[1].encoder",
            "zero width | [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [0]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].encoder[0]",
            "too wide | [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [70000]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].encoder[0]",
            // names
            "same names | [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"l\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[1].name",
            "no name | [{\"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"l\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0].name",
            "null modality | [null, {\"name\": \"l\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities[0]"})
    void everyBadModalityIsRefusedNamingItsField(String what, String modalities, String field) {
        assertThat(refused(spec("\"variant\": \"MULTIMODAL\", \"modalities\": " + modalities), numeric())).contains(field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "MULTIMODAL without modalities | \"variant\": \"MULTIMODAL\" | modalities",
            "modalities on BASIC | \"variant\": \"BASIC\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities",
            "block on BASIC | \"variant\": \"BASIC\", \"multimodal\": {\"alignment\": 1} | multimodal",
            "fraction | \"multimodal\": {\"singleModalityFraction\": 1.5}, " + "\"variant\": \"MULTIMODAL\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | multimodal.singleModalityFraction",
            "alignment | \"multimodal\": {\"alignment\": -1}, \"variant\": \"MULTIMODAL\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | multimodal.alignment",
            "stacked | \"stacked\": {}, \"variant\": \"MULTIMODAL\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | stacked",
            "modalities on STACKED | \"variant\": \"STACKED\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities",
            "variational | \"variational\": {}, \"variant\": \"MULTIMODAL\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | variational",
            "modalities on VARIATIONAL | \"variant\": \"VARIATIONAL\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | modalities",
            "no shared encoder | \"encoder\": [], \"variant\": \"MULTIMODAL\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | encoder",
            "shared width | \"encoder\": [4, 0], \"variant\": \"MULTIMODAL\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | encoder[1]",
            "decoder | \"decoder\": [3], \"variant\": \"MULTIMODAL\", \"modalities\": [{\"name\": \"l\", \"columns\": [\"0\"], \"encoder\": [3]}, {\"name\": \"r\", \"columns\": [\"8\"], \"encoder\": [3]}] | decoder"})
    void aMultimodalBlockWhereItDoesNotBelongOrOutOfRangeIsRefusedNamingTheField(String what, String json, String field) {
        assertThat(refused(spec(json), numeric())).contains(field);
    }

    @Test
    void aCategoricalOrIncompleteColumnInAModalityIsRefusedButOneLeftOutIsNot() {
        List<ColumnStats> stats = new ArrayList<>(numeric().stats());
        stats.set(1, new ColumnStats("a1", null, null, null, null, ColumnType.CATEGORICAL, 0,
                List.of(new LevelCount("x", 60), new LevelCount("y", 40))));
        stats.set(5, new ColumnStats("a5", 0.0, 1.0, 0.5, 0.2, ColumnType.NUMERIC, 3, null));
        DatasetView typed = view(numeric().featureNames(), stats);

        ApiException e = catchThrowableOfType(ApiException.class, () -> VALIDATOR.validate(spec(TWO), typed));
        assertThat(e.errors()).extracting(FieldProblem::field).contains("modalities[0].columns", "modalities[1].columns");
        assertThat(e.errors()).extracting(FieldProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("numeric columns").contains("\"a1\" is categorical"))
                .anySatisfy(r -> assertThat(r).contains("\"a5\" is missing 3 cells"));

        TrainingSpec withoutThem = spec("\"variant\": \"MULTIMODAL\", \"encoder\": [4], \"modalities\": ["
                + "{\"name\": \"l\", \"columns\": [\"a0\", \"2-4\"], \"encoder\": [3]},"
                + "{\"name\": \"r\", \"columns\": [\"6-9\"], \"encoder\": [3]}]");
        VALIDATOR.validate(withoutThem, typed);
    }

    @Test
    void theParameterLimitCountsTheNetworkOverTheModalitiesColumns() {
        TrainingSpec spec = spec(TWO.replace("\"encoder\": [4]", "\"encoder\": [4000]"));
        TrainingSpecValidator small = new TrainingSpecValidator(2, 40_000);
        // 7 inputs → 11 (branches) → 4000 → 11 → 7: 11·4000 twice is already beyond 40,000
        assertThatThrownBy(() -> small.validate(spec, numeric())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("encoder"));
    }

    @Test
    void enginePathsOfAMultimodalNetworkBecomeTheSpecsOwn() {
        AutoencoderSpec engine = DatasetLayouts.engineSpec(spec(TWO.replace("[4]", "[4, 2]")), numeric(), 1);
        assertThat(EngineSpecs.fieldPath("architecture.multimodal.modalities[1].encoder", engine.architecture()))
                .isEqualTo("modalities[1].encoder");
        assertThat(EngineSpecs.fieldPath("architecture.multimodal.modalities", engine.architecture())).isEqualTo("modalities");
        assertThat(EngineSpecs.fieldPath("architecture.multimodal.singleModalityFraction", engine.architecture()))
                .isEqualTo("multimodal.singleModalityFraction");
        assertThat(EngineSpecs.fieldPath("architecture.multimodal", engine.architecture())).isEqualTo("modalities");
        // the network's encoder is [11, 4, 2]: its width 2 is the shared encoder's [1]
        assertThat(EngineSpecs.fieldPath("architecture.encoder[2]", engine.architecture())).isEqualTo("encoder[1]");
        assertThat(EngineSpecs.fieldPath("architecture.encoder[0]", engine.architecture())).isEqualTo("modalities");
        assertThat(EngineSpecs.fieldPath("architecture.inputDim", engine.architecture())).isEqualTo("modalities");
    }
}
