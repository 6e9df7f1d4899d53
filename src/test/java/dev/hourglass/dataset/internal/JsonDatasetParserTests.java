package dev.hourglass.dataset.internal;

import static dev.hourglass.dataset.internal.ParserFixtures.GENEROUS;
import static dev.hourglass.dataset.internal.ParserFixtures.problem;
import static dev.hourglass.dataset.internal.ParserFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;

class JsonDatasetParserTests {

    final JsonDatasetParser parser = new JsonDatasetParser(GENEROUS);

    @Test
    void readsNameColumnsAndRows() throws Exception {
        ParsedDataset parsed = parser.parse(text("""
                {"name": "xor", "columns": ["a", "b"], "rows": [[0, 1], [1.5, -2e2]]}"""), "body");

        assertThat(parsed.name()).isEqualTo("xor");
        assertThat(parsed.rows()).isEqualTo(2);
        assertThat(parsed.featureNames()).containsExactly("a", "b");
        assertThat(parsed.features()).containsExactly(0f, 1f, 1.5f, -200f);
        assertThat(parsed.labels()).isNull();
    }

    @Test
    void namesColumnsCol0ToColNMinus1WhenTheyAreNotGivenAndAcceptsABareArrayOfRows() throws Exception {
        ParsedDataset parsed = parser.parse(text("[[1, 2, 3], [4, 5, 6]]"), "file");

        assertThat(parsed.name()).isNull();
        assertThat(parsed.featureNames()).containsExactly("col0", "col1", "col2");
        assertThat(parsed.features()).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
    }

    @Test
    void acceptsColumnsAfterTheRows() throws Exception {
        ParsedDataset parsed = parser.parse(text("{\"rows\": [[1, 2]], \"columns\": [\"p\", \"q\"], \"name\": \"late\"}"), "body");

        assertThat(parsed.featureNames()).containsExactly("p", "q");
        assertThat(parsed.name()).isEqualTo("late");
    }

    @Test
    void readsALabelColumnAndOneLabelPerRowInAnyOrder() throws Exception {
        ParsedDataset parsed = parser.parse(text("""
                {"labels": ["setosa", "a, \\"b\\""], "name": "iris", "columns": ["sepal", "petal"],
                 "rows": [[5.1, 1.4], [6.3, 6]], "labelColumn": " species "}"""), "body");

        assertThat(parsed.labelColumn()).isEqualTo("species");
        assertThat(parsed.labels()).containsExactly("setosa", "a, \"b\"");
        assertThat(parsed.features()).containsExactly(5.1f, 1.4f, 6.3f, 6f);
    }

    @Test
    void refusesLabelsWithoutTheirColumnAColumnWithoutLabelsAndLabelsThatDoNotMatchTheRows() {
        assertThat(problem(422, "invalid-dataset",
                () -> parser.parse(text("{\"rows\": [[1]], \"labels\": [\"x\"]}"), "body")).errors())
                .containsExactly(new FieldProblem("labelColumn", "is missing: labels need the name of their column"));
        assertThat(problem(422, "invalid-dataset",
                () -> parser.parse(text("{\"rows\": [[1]], \"labelColumn\": \"y\"}"), "body")).errors())
                .containsExactly(new FieldProblem("labels", "are missing: labelColumn \"y\" needs one label per row"));
        assertThat(problem(422, "invalid-dataset",
                () -> parser.parse(text("{\"rows\": [[1], [2]], \"labelColumn\": \"y\", \"labels\": [\"a\"]}"), "body")).errors())
                .containsExactly(new FieldProblem("labels", "has 1 labels but there are 2 rows"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text(
                "{\"columns\": [\"y\"], \"rows\": [[1]], \"labelColumn\": \"y\", \"labels\": [\"a\"]}"), "body")).errors())
                .containsExactly(new FieldProblem("labelColumn", "\"y\" is also the name of a feature column"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text(
                "{\"rows\": [[1], [2]], \"labelColumn\": 3, \"labels\": [\"a\", 2]}"), "body")).errors())
                .containsExactly(new FieldProblem("labelColumn", "must be a string"), new FieldProblem("labels[1]", "must be a string"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text(
                "{\"rows\": [[1]], \"labelColumn\": \" \", \"labels\": \"a\"}"), "body")).errors())
                .containsExactly(new FieldProblem("labelColumn", "is empty"),
                        new FieldProblem("labels", "must be an array of strings, one per row"));
    }

    @Test
    void refusesMoreLabelsThanTheRowLimitBeforeReadingThemAll() {
        JsonDatasetParser small = new JsonDatasetParser(new Limits(2, 100, 1000, 1000));

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(text(
                "{\"labelColumn\": \"y\", \"labels\": [\"a\", \"b\", \"c\"], \"rows\": [[1]]}"), "body"));

        assertThat(e.getMessage()).isEqualTo("The dataset has 3 rows or more; the limit hourglass.limits.max-rows is 2.");
    }

    @Test
    void readsGzippedJson() throws Exception {
        byte[] gz = ParserFixtures.gzip("[[7]]".getBytes(StandardCharsets.UTF_8));

        assertThat(parser.parse(new ByteArrayInputStream(gz), "file").features()).containsExactly(7f);
    }

    @Test
    void refusesInfinityOutOfRangeNumbersArraysAndObjectsNamingRowAndColumn() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("""
                {"name": "bad", "columns": ["a", "b"],
                 "rows": [[1, 2], [NaN, 3], [4, -Infinity], ["5", null], [true, [6]], [1e39, {"x": 1}]]}"""), "body"));

        assertThat(e.errors()).containsExactly(
                new FieldProblem("rows[2][1]", "row 3, column \"b\": -Infinity is not a finite number"),
                new FieldProblem("rows[4][1]", "row 5, column \"b\": is an array, expected a number, a string or null"),
                new FieldProblem("rows[5][0]", "row 6, column \"a\": 1.0E39 is outside the float32 range (±3.4028235E38)"),
                new FieldProblem("rows[5][1]", "row 6, column \"b\": is an object, expected a number, a string or null"));
    }

    @Test
    void refusesRaggedRowsAndRowsThatAreNotArrays() {
        ApiException e = problem(422, "invalid-dataset",
                () -> parser.parse(text("{\"name\": \"r\", \"rows\": [[1, 2], [3], [4, 5, 6], 7]}"), "body"));

        assertThat(e.errors()).containsExactly(
                new FieldProblem("rows[1]", "row 2 has 1 values, expected 2"),
                new FieldProblem("rows[2]", "row 3 has 3 values, expected 2"),
                new FieldProblem("rows[3]", "row 4 is not an array of numbers"));
    }

    @Test
    void refusesColumnsThatDoNotMatchTheRowsOrRepeatANameOrAreNotStrings() {
        assertThat(problem(422, "invalid-dataset",
                () -> parser.parse(text("{\"columns\": [\"a\"], \"rows\": [[1, 2]]}"), "body")).errors())
                .containsExactly(new FieldProblem("rows[0]", "row 1 has 2 values, expected 1"));
        assertThat(problem(422, "invalid-dataset",
                () -> parser.parse(text("{\"rows\": [[1, 2]], \"columns\": [\"a\"]}"), "body")).errors())
                .containsExactly(new FieldProblem("columns", "has 1 names but the rows have 2 values"));
        assertThat(problem(422, "invalid-dataset",
                () -> parser.parse(text("{\"columns\": [\"a\", \"a\", 3, \" \"], \"rows\": [[1, 2, 3, 4]]}"), "body")).errors())
                .containsExactly(
                        new FieldProblem("columns[1]", "\"a\" is also columns[0]: names must be unique"),
                        new FieldProblem("columns[2]", "must be a string"),
                        new FieldProblem("columns[3]", "is empty"));
    }

    @Test
    void refusesMissingOrEmptyRowsUnknownFieldsAndOtherDocuments() {
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("{\"name\": \"x\"}"), "body")).errors())
                .containsExactly(new FieldProblem("rows", "is required"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("{\"rows\": []}"), "body")).errors())
                .containsExactly(new FieldProblem("rows", "is empty: a dataset needs at least one row"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("[[]]"), "body")).errors())
                .containsExactly(new FieldProblem("rows[0]", "row 1 is empty: a dataset needs at least one feature column"));
        assertThat(problem(422, "invalid-dataset",
                () -> parser.parse(text("{\"rows\": [[1]], \"label\": \"x\", \"colums\": [\"a\"], \"zzzz\": 1}"), "body")).errors())
                .containsExactly(new FieldProblem("label", "is not a known field; did you mean labels?"),
                        new FieldProblem("colums", "is not a known field; did you mean columns?"),
                        new FieldProblem("zzzz", "is not a known field"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("42"), "body")).errors())
                .containsExactly(new FieldProblem("body",
                        "must be a JSON object {\"name\", \"columns\", \"rows\"} or an array of rows"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("[[1]] [[2]]"), "body")).errors())
                .containsExactly(new FieldProblem("body", "has content after the JSON value"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text(""), "file")).errors())
                .containsExactly(new FieldProblem("file", "is empty"));
    }

    @Test
    void refusesMalformedJsonSayingWhere() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("{\"rows\": [[1, 2],\n [3, 4}"), "body"));

        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("body");
            // Line 2 is ` [3, 4}`: the '}' is its 7th character.
            assertThat(p.reason()).isEqualTo("is not valid JSON: Unexpected close marker '}': expected ']' (line 2, column 7)");
        });
    }

    @Test
    void refusesAFieldGivenTwice() {
        // Jackson points just past the second "rows" (its closing quote is the 22nd character).
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("{\"rows\": [[1]], \"rows\": [[2]]}"), "body"));

        assertThat(e.errors()).containsExactly(new FieldProblem("body", "is not valid JSON: Duplicate Object property \"rows\" (line 1, column 23)"));
    }

    @Test
    void refusesMoreCellsThanTheLimitNamingIt() {
        JsonDatasetParser small = new JsonDatasetParser(new Limits(100, 100, 5, 1000));

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(text("[[1, 2], [3, 4], [5, 6]]"), "body"));

        assertThat(e.getMessage()).isEqualTo("The dataset has 3 rows × 2 columns = 6 cells or more; the limit hourglass.limits.max-cells is 5.");
    }

    @Test
    void refusesASingleRowWithMoreCellsThanTheLimit() {
        JsonDatasetParser small = new JsonDatasetParser(new Limits(100, 100, 5, 1000));

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(text("[[1, 2, 3, 4, 5, 6]]"), "body"));

        assertThat(e.getMessage()).isEqualTo("The dataset has 1 rows × 6 columns = 6 cells or more; the limit hourglass.limits.max-cells is 5.");
    }

    @Test
    void refusesAFirstRowWiderThanTheColumnLimit() {
        JsonDatasetParser small = new JsonDatasetParser(new Limits(100, 64, 1_000_000, 1000));
        StringBuilder row = new StringBuilder("[[0");
        for (int i = 1; i < 65; i++) {
            row.append(',').append(i);
        }

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(text(row + "]]"), "body"));

        assertThat(e.getMessage()).isEqualTo("The dataset has 65 feature columns; the limit hourglass.limits.max-columns is 64.");
    }

    @Test
    void infersCategoricalColumnsFromStringsAndBooleansAndReadsNullNaAndNaNAsMissing() throws Exception {
        ParsedDataset parsed = parser.parse(text("""
                {"columns": ["n", "c", "flag"],
                 "rows": [[1, "x", true], [null, "y", false], [NaN, "NA", true], ["NaN", "", false], [2.5, "x", null]]}"""),
                "body");

        assertThat(parsed.levels()).containsExactly(null, List.of("x", "y"), List.of("false", "true"));
        assertThat(parsed.features()).containsExactly(1f, 0f, 1f, 0f, 1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 2.5f, 0f, 0f);
        // Missing cells 3, 6, 7, 9, 10 and 14 (row-major, 3 columns).
        assertThat(parsed.missing()).containsExactly((byte) 0b1100_1000, (byte) 0b0100_0110);
    }

    @Test
    void appliesASchemaThatComesAfterTheRows() throws Exception {
        ParsedDataset parsed = parser.parse(text("""
                {"rows": [[1, "a", 1.50], [2, "b", 7]], "schema": {"col0": "CATEGORICAL", "col1": "IGNORE"}}"""), "body");

        assertThat(parsed.featureNames()).containsExactly("col0", "col2");
        assertThat(parsed.levels()).containsExactly(List.of("1", "2"), null);
        assertThat(parsed.features()).containsExactly(0f, 1.5f, 1f, 7f);
    }

    @Test
    void numbersBecomeLevelsByTheirTextWhenAStringFollows() throws Exception {
        ParsedDataset parsed = parser.parse(text("[[1.50], [2], [\"x\"], [1e3]]"), "file");

        assertThat(parsed.levels()).containsExactly(List.of("1.50", "1e3", "2", "x"));
        assertThat(parsed.features()).containsExactly(0f, 2f, 3f, 1f);
    }

    @Test
    void refusesTextInAColumnTheSchemaDeclaresNumericAndASchemaNamingAnUnknownColumn() {
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("""
                {"columns": ["a"], "rows": [[1], ["two"], ["three"]], "schema": {"a": "NUMERIC"}}"""), "body")).errors())
                .containsExactly(new FieldProblem("row 2, column \"a\"",
                        "\"two\" is not a number (the schema declares the column NUMERIC)"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("""
                {"schema": {"b": "NUMERIC", "a": "WORDS"}, "columns": ["a"], "rows": [[1]]}"""), "body")).errors())
                .containsExactly(new FieldProblem("schema.a", "\"WORDS\" is not one of NUMERIC, CATEGORICAL, IGNORE"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("""
                {"schema": {"b": "NUMERIC"}, "columns": ["a"], "rows": [[1]]}"""), "body")).errors())
                .containsExactly(new FieldProblem("schema.b", "is not a column of the dataset"));
    }

    @Test
    void refusesAllMissingColumnsAndTooManyLevelsUnlessIgnored() throws Exception {
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("[[1, null], [2, \"NA\"]]"), "file")).errors())
                .containsExactly(new FieldProblem("column \"col1\"", "has no values: every cell is missing"));
        JsonDatasetParser twoLevels = new JsonDatasetParser(new Limits(100, 10, 1000, 2));
        assertThat(problem(422, "invalid-dataset", () -> twoLevels.parse(text("[[\"a\"], [\"b\"], [\"c\"]]"), "file")).errors())
                .containsExactly(new FieldProblem("column \"col0\"", "has more than 2 distinct values "
                        + "(hourglass.limits.max-levels); to leave it out, send \"schema\": {\"col0\": \"IGNORE\"}"));
        assertThat(twoLevels.parse(text("{\"rows\": [[1, \"a\"], [2, \"b\"], [3, \"c\"]], \"schema\": {\"col1\": \"IGNORE\"}}"),
                "body").featureNames()).containsExactly("col0");
    }
    @Test
    void aStringOfMoreCharactersThanTheFieldCapIsRefusedNamingIt() {
        // the default cap (65,536 characters), for a cell and for a name (a schema's keys are column names)
        String giant = "x".repeat(1 << 20);
        for (String json : new String[] {"{\"rows\": [[1, \"" + giant + "\"]]}",
                "{\"schema\": {\"" + giant + "\": \"IGNORE\"}, \"rows\": [[1]]}"}) {
            byte[] upload = ParserFixtures.gzip(json.getBytes(StandardCharsets.UTF_8));

            ApiException e = problem(413, "dataset-too-large",
                    () -> parser.parse(new ByteArrayInputStream(upload), "file"));

            assertThat(e.getMessage()).isEqualTo("file: a string or name has more than 65536 characters; the limit "
                    + "hourglass.limits.max-field-chars is 65536.");
        }
    }
}
