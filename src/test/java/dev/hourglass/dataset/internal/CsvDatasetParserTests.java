package dev.hourglass.dataset.internal;

import static dev.hourglass.dataset.internal.ParserFixtures.GENEROUS;
import static dev.hourglass.dataset.internal.ParserFixtures.problem;
import static dev.hourglass.dataset.internal.ParserFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;

class CsvDatasetParserTests {

    final CsvDatasetParser parser = new CsvDatasetParser(GENEROUS);

    @Test
    void readsTheFeaturesAndKeepsTheLabelColumnApart() throws Exception {
        ParsedDataset parsed = parser.parse(text("a,label,b\n1,cat,2\n3.5,\"dog, big\",-4e1\n"), "label");

        assertThat(parsed.rows()).isEqualTo(2);
        assertThat(parsed.columns()).isEqualTo(2);
        assertThat(parsed.featureNames()).containsExactly("a", "b");
        assertThat(parsed.features()).containsExactly(1f, 2f, 3.5f, -40f);
        assertThat(parsed.labelColumn()).isEqualTo("label");
        assertThat(parsed.labels()).containsExactly("cat", "dog, big");
    }

    @Test
    void withoutALabelColumnEveryColumnIsAFeatureAndThereAreNoLabels() throws Exception {
        ParsedDataset parsed = parser.parse(text("x, y\r\n0.25, 1e-3\r\n\r\n-0,7\r\n"), null);

        assertThat(parsed.featureNames()).containsExactly("x", "y");
        assertThat(parsed.features()).containsExactly(0.25f, 0.001f, -0f, 7f);
        assertThat(parsed.labelColumn()).isNull();
        assertThat(parsed.labels()).isNull();
    }

    @Test
    void readsGzippedCsvWithAByteOrderMark() throws Exception {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[bom.length + csv.length];
        System.arraycopy(bom, 0, file, 0, 3);
        System.arraycopy(csv, 0, file, 3, csv.length);

        ParsedDataset parsed = parser.parse(new ByteArrayInputStream(ParserFixtures.gzip(file)), null);

        assertThat(parsed.featureNames()).containsExactly("a", "b");
        assertThat(parsed.features()).containsExactly(1f, 2f);
    }

    @Test
    void namesTheOneBasedDataRowAndTheColumnOfANonNumber() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("a,price\n1,2\n3,abc\n"), null));

        assertThat(e.errors()).containsExactly(new FieldProblem("row 2, column \"price\"", "\"abc\" is not a number"));
        assertThat(e.getMessage()).isEqualTo("The dataset is invalid: row 2, column \"price\": \"abc\" is not a number");
    }

    @Test
    void refusesNonFiniteOutOfRangeEmptyAndSuffixedNumbersEachByName() {
        ApiException e = problem(422, "invalid-dataset",
                () -> parser.parse(text("v\nNaN\n-Infinity\n1e39\n\"\"\n1f\n0x10\n"), null));

        assertThat(e.errors()).containsExactly(
                new FieldProblem("row 1, column \"v\"", "\"NaN\" is not a finite number"),
                new FieldProblem("row 2, column \"v\"", "\"-Infinity\" is not a finite number"),
                new FieldProblem("row 3, column \"v\"", "\"1e39\" is outside the float32 range (±3.4028235E38)"),
                new FieldProblem("row 4, column \"v\"", "is empty, expected a number"),
                new FieldProblem("row 5, column \"v\"", "\"1f\" is not a number"),
                new FieldProblem("row 6, column \"v\"", "\"0x10\" is not a number"));
        assertThat(e.getMessage()).endsWith("(and 5 more)");
    }

    @Test
    void refusesRaggedRows() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("a,b\n1,2\n3\n4,5,6\n"), null));

        assertThat(e.errors()).containsExactly(
                new FieldProblem("row 2", "has 1 cells, the header has 2"),
                new FieldProblem("row 3", "has 3 cells, the header has 2"));
    }

    @Test
    void refusesDuplicateAndEmptyColumnNamesAndAnUnknownLabelColumn() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("a,b,a,\n1,2,3,4\n"), "y"));

        assertThat(e.errors()).containsExactly(
                new FieldProblem("header", "column name \"a\" appears more than once (columns 1 and 3)"),
                new FieldProblem("header", "column 4 has no name"),
                new FieldProblem("labelColumn", "the header has no column named \"y\""));
    }

    @Test
    void refusesAnEmptyFileAHeaderWithoutRowsAndALabelOnlyHeader() {
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text(""), null)).errors())
                .containsExactly(new FieldProblem("file", "is empty"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("a,b\n"), null)).errors())
                .containsExactly(new FieldProblem("file", "has a header but no data rows"));
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("y\n1\n"), "y")).errors())
                .containsExactly(new FieldProblem("header", "names no feature column"));
    }

    @Test
    void refusesBrokenQuotingAsInvalidCsv() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("a,b\n1,\"2\n"), null));

        assertThat(e.errors()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("file");
            assertThat(p.reason()).startsWith("is not valid CSV: ").contains("EOF reached before encapsulated token finished");
        });
    }

    @Test
    void stopsAfterTwentyProblems() {
        StringBuilder csv = new StringBuilder("a\n");
        for (int i = 0; i < 30; i++) {
            csv.append("x\n");
        }

        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text(csv.toString()), null));

        assertThat(e.errors()).hasSize(20);
        assertThat(e.getMessage()).endsWith("(and 19 more; parsing stopped after 20 problems)");
    }

    @Test
    void refusesMoreRowsThanTheLimitNamingIt() {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(2, 10, 100));

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(text("a\n1\n2\n3\n"), null));

        assertThat(e.getMessage()).isEqualTo("The dataset has 3 rows or more; the limit hourglass.limits.max-rows is 2.");
    }

    @Test
    void refusesMoreColumnsOrCellsThanTheLimitsNamingThem() {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(100, 2, 5));

        assertThat(problem(413, "dataset-too-large", () -> small.parse(text("a,b,c\n1,2,3\n"), null)).getMessage())
                .isEqualTo("The dataset has 3 feature columns; the limit hourglass.limits.max-columns is 2.");
        // 2 columns × 3 rows = 6 cells > 5: refused when the third row arrives.
        assertThat(problem(413, "dataset-too-large", () -> small.parse(text("a,b\n1,2\n3,4\n5,6\n"), null)).getMessage())
                .isEqualTo("The dataset has 3 rows × 2 columns = 6 cells or more; the limit hourglass.limits.max-cells is 5.");
    }

    @Test
    void aLabelColumnDoesNotCountAgainstTheColumnLimit() throws Exception {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(100, 1, 100));

        assertThat(small.parse(text("x,label\n1,a\n"), "label").columns()).isEqualTo(1);
    }
}
