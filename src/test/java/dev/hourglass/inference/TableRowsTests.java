package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.table.Table;
import dev.hourglass.engine.table.TableCodec;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.TableColumns;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The typed row reader over a model of three columns: size (numeric), grade (levels "1", "2", "3": numbers
 * as text) and color (red, blue). Every bad row is a 422 invalid-rows naming the cell.
 */
class TableRowsTests {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .addModule(new RowsModule(1000)).build();
    private static final TableRows ROWS = new TableRows(model());

    private static LoadedModel model() {
        TableLayout layout = new TableLayout(new int[] {0, 3, 2});
        Table training = new Table(layout, new float[] {1, 0, 0, 3, 1, 1, 5, 2, 0}, 3, null);
        TableCodec codec = TableCodec.fit(Normalization.ZSCORE, training, new int[] {0, 1, 2});
        Autoencoder net = Autoencoder.initialize(new ArchitectureSpec(1, new int[] {2}, null, Activation.TANH,
                Activation.LINEAR, false).withTable(layout), 1);
        return new LoadedModel(null, net, codec.normalizer(), List.of("size", "grade", "color"), null,
                new TableColumns(Arrays.asList(null, List.of("1", "2", "3"), List.of("red", "blue")), codec));
    }

    private static TableRows.Read read(String rows) {
        return ROWS.read(JSON.readValue(rows, Rows.class), "instances", 100);
    }

    private static void assertRefused(String rows, String field, String reason) {
        assertThatThrownBy(() -> read(rows)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(422);
            assertThat(e.typeUri().toString()).endsWith("/invalid-rows");
            assertThat(e.errors()).extracting(FieldProblem::field).contains(field);
            assertThat(e.errors()).filteredOn(p -> p.field().equals(field)).first()
                    .extracting(FieldProblem::reason).asString().contains(reason);
        });
    }

    @Test
    void readsArraysAndObjectsWithNullAsAMissingCell() {
        TableRows.Read read = read("[[2.5, \"3\", \"blue\"], {\"color\": null, \"size\": null, \"grade\": \"1\"}]");

        assertThat(read.count()).isEqualTo(2);
        assertThat(read.values()).containsExactly(2.5f, 2, 1, 0, 0, 0);
        assertThat(read.missing()).containsExactly(false, false, false, true, false, true);
        assertThat(read.observed()).containsExactly(1, 1, 1, 0, 1, 0);
        assertThat(read.warnings()).isEmpty();
    }

    @Test
    void rowsWithoutMissingCellsHaveNoMask() {
        assertThat(read("[[2.5, \"3\", \"blue\"]]").missing()).isNull();
    }

    @Test
    void aNumberOrBooleanInACategoricalColumnIsMatchedByItsText() {
        TableRows.Read read = read("[[1, 2, \"red\"], [1, true, \"red\"]]");

        assertThat(read.values()[1]).isEqualTo(1);                     // 2 is level "2", index 1
        assertThat(read.missing()[4]).isTrue();                         // true is no level of grade
        assertThat(read.warnings()).containsExactly(
                "instances[1][1]: level \"true\" was not seen in training; treated as missing");
    }

    @Test
    void anUnseenLevelIsMissingWithAWarningNamingTheCell() {
        TableRows.Read read = read("[[1, \"2\", \"red\"], {\"size\": 2, \"grade\": \"2\", \"color\": \"purple\"}]");

        assertThat(read.missing()).containsExactly(false, false, false, false, false, true);
        assertThat(read.warnings()).containsExactly(
                "instances[1].color: level \"purple\" was not seen in training; treated as missing");
    }

    @Test
    void warningsAreListedUpToTwentyThenCounted() {
        String rows = "[" + String.join(",", java.util.Collections.nCopies(25, "[1, \"9\", \"red\"]")) + "]";

        List<String> warnings = read(rows).warnings();

        assertThat(warnings).hasSize(21);
        assertThat(warnings.get(20)).startsWith("… and 5 more");
    }

    @Test
    void anObjectRowWithAnUnknownColumnIsRefused() {
        assertRefused("[{\"size\": 1, \"grade\": \"1\", \"color\": \"red\", \"colour\": \"red\"}]",
                "instances[0].colour", "is not a column of this model; its columns are size, grade, color");
    }

    @Test
    void anObjectRowThatLeavesAColumnOutIsRefused() {
        assertRefused("[{\"size\": 1, \"grade\": \"1\"}]", "instances[0].color", "give null for a missing cell");
    }

    @Test
    void anArrayRowOfAnotherWidthIsRefused() {
        assertRefused("[[1, \"1\"]]", "instances[0]", "has 2 cells; the model's 3 columns are size, grade, color");
    }

    @Test
    void aStringInANumericColumnIsRefused() {
        assertRefused("[[\"1.5\", \"1\", \"red\"]]", "instances[0][0]", "is a string; column size is numeric");
        assertRefused("[{\"size\": true, \"grade\": \"1\", \"color\": \"red\"}]", "instances[0].size",
                "is not a number");
    }

    @Test
    void nanInfinityAndNumbersBeyondFloatRangeAreRefused() {
        assertRefused("[[NaN, \"1\", \"red\"]]", "instances[0][0]", "is NaN");
        assertRefused("[[Infinity, \"1\", \"red\"]]", "instances[0][0]", "infinite");
        assertRefused("[[1e39, \"1\", \"red\"]]", "instances[0][0]", "beyond float range");
        assertRefused("[[1, -Infinity, \"red\"]]", "instances[0][1]", "infinite");
    }

    @Test
    void aRowWithoutAnObservedCellIsRefused() {
        assertRefused("[[1, \"1\", \"red\"], [null, null, null]]", "instances[1]", "has no observed cell");
        assertRefused("[{\"size\": null, \"grade\": \"7\", \"color\": null}]", "instances[0]", "has no observed cell");
    }

    @Test
    void nestedArraysAndObjectsAreNoCells() {
        assertRefused("[[[1], \"1\", \"red\"]]", "instances[0][0]", "is an array");
        assertRefused("[{\"size\": 1, \"grade\": {\"level\": \"1\"}, \"color\": \"red\"}]", "instances[0].grade",
                "is an object");
    }

    @Test
    void aRowThatIsNeitherArrayNorObjectIsRefused() {
        assertRefused("[\"1,1,red\"]", "instances[0]", "must be an array of 3 cells or an object");
    }

    @Test
    void atMostTwentyProblemsAreListed() {
        String rows = "[" + String.join(",", java.util.Collections.nCopies(30, "[\"x\", \"1\", \"red\"]")) + "]";

        assertThatThrownBy(() -> read(rows)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).hasSize(20));
    }

    @Test
    void answersKeepEachRowsFormAndGiveTheMostProbableLevel() {
        TableRows.Read read = read("[[1, \"1\", \"red\"], {\"size\": 2, \"grade\": \"2\", \"color\": null}]");
        // y(2, width 6): size | grade 1 2 3 | color red blue, probabilities as a softmax gives them
        float[] y = {4.5f, 0.1f, 0.7f, 0.2f, 0.3f, 0.7f, -1f, 0.6f, 0.3f, 0.1f, 0.8f, 0.2f};

        JsonNode rows = ROWS.rows(read, y);

        assertThat(rows.get(0).toString()).isEqualTo("[4.5,\"2\",\"blue\"]");
        assertThat(rows.get(1).toString()).isEqualTo("{\"size\":-1.0,\"grade\":\"1\",\"color\":\"red\"}");
        assertThat(ROWS.probabilities(y, 1).get(0).toString())
                .isEqualTo("{\"grade\":{\"1\":0.1,\"2\":0.7,\"3\":0.2},\"color\":{\"red\":0.3,\"blue\":0.7}}");
    }

    @Test
    void fillingReplacesOnlyTheNullCells() {
        TableRows.Read read = read("[[1.25, null, \"purple\"], "
                + "{\"color\": \"red\", \"grade\": \"3\", \"size\": null}]");
        float[] filled = {1.25f, 2, 0, 7.5f, 2, 0};
        List<List<String>> imputed = new java.util.ArrayList<>();

        JsonNode rows = ROWS.fill(read, filled, imputed);

        assertThat(rows.get(0).toString()).isEqualTo("[1.25,\"3\",\"purple\"]");
        assertThat(rows.get(1).toString()).isEqualTo("{\"color\":\"red\",\"grade\":\"3\",\"size\":7.5}");
        assertThat(imputed).containsExactly(List.of("grade"), List.of("size"));
        assertThat(read.rows().node(0).get(1).isNull()).as("the request's rows are not changed").isTrue();
    }
}
