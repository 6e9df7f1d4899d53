package dev.hourglass.dataset.internal;

import static dev.hourglass.dataset.internal.ParserFixtures.GENEROUS;
import static dev.hourglass.dataset.internal.ParserFixtures.gzip;
import static dev.hourglass.dataset.internal.ParserFixtures.problem;
import static dev.hourglass.dataset.internal.ParserFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
    void namesTheOneBasedDataRowAndTheColumnOfTextInAColumnDeclaredNumeric() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("a,price\n1,2\n3,abc\n"), null,
                TableSchema.parse("{\"price\": \"NUMERIC\"}")));

        assertThat(e.errors()).containsExactly(new FieldProblem("row 2, column \"price\"", "\"abc\" is not a number"));
        assertThat(e.getMessage()).isEqualTo("The dataset is invalid: row 2, column \"price\": \"abc\" is not a number");
    }

    @Test
    void refusesNonFiniteOutOfRangeAndSuffixedNumbersInANumericColumnEachByName() {
        ApiException e = problem(422, "invalid-dataset",
                () -> parser.parse(text("v\nnan\n-Infinity\n1e39\n\"\"\n1f\n0x10\n"), null,
                        TableSchema.parse("{\"v\": \"NUMERIC\"}")));

        assertThat(e.errors()).containsExactly(
                new FieldProblem("row 1, column \"v\"", "\"nan\" is not a finite number"),
                new FieldProblem("row 2, column \"v\"", "\"-Infinity\" is not a finite number"),
                new FieldProblem("row 3, column \"v\"", "\"1e39\" is outside the float32 range (±3.4028235E38)"),
                new FieldProblem("row 5, column \"v\"", "\"1f\" is not a number"),
                new FieldProblem("row 6, column \"v\"", "\"0x10\" is not a number"));
        assertThat(e.getMessage()).endsWith("(and 4 more)");
    }

    @Test
    void refusesNonFiniteSpellingsEvenWhereTextMakesTheColumnCategorical() {
        ApiException e = problem(422, "invalid-dataset",
                () -> parser.parse(text("v\nlow\n-Infinity\n1e39\nnan\nhigh\n"), null));

        assertThat(e.errors()).containsExactly(
                new FieldProblem("row 2, column \"v\"", "\"-Infinity\" is not a finite number"),
                new FieldProblem("row 3, column \"v\"", "\"1e39\" is outside the float32 range (±3.4028235E38)"),
                new FieldProblem("row 4, column \"v\"", "\"nan\" is not a finite number"));
    }

    @Test
    void refusesRaggedRowsNamingTheirLineInTheFile() {
        // Line 3 is empty (skipped), line 4 holds a cell spanning two lines, line 7 ends the file without a newline.
        ApiException e = problem(422, "invalid-dataset",
                () -> parser.parse(text("a,b\n1,2\n\n\"x\ny\",2\n3\n4,5,6"), null));

        assertThat(e.errors()).containsExactly(
                new FieldProblem("line 6", "has 1 cells, the header has 2"),
                new FieldProblem("line 7", "has 3 cells, the header has 2"));
        assertThat(e.getMessage()).startsWith("The dataset is invalid: line 6: has 1 cells, the header has 2");
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
            csv.append("inf\n");
        }

        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text(csv.toString()), null));

        assertThat(e.errors()).hasSize(20);
        assertThat(e.getMessage()).endsWith("(and 19 more; parsing stopped after 20 problems)");
    }

    @Test
    void refusesMoreRowsThanTheLimitNamingIt() {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(2, 10, 100, 1000));

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(text("a\n1\n2\n3\n"), null));

        assertThat(e.getMessage()).isEqualTo("The dataset has 3 rows or more; the limit hourglass.limits.max-rows is 2.");
    }

    @Test
    void refusesMoreColumnsOrCellsThanTheLimitsNamingThem() {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(100, 2, 5, 1000));

        assertThat(problem(413, "dataset-too-large", () -> small.parse(text("a,b,c\n1,2,3\n"), null)).getMessage())
                .isEqualTo("The dataset has 3 feature columns; the limit hourglass.limits.max-columns is 2.");
        // 2 columns × 3 rows = 6 cells > 5: refused when the third row arrives.
        assertThat(problem(413, "dataset-too-large", () -> small.parse(text("a,b\n1,2\n3,4\n5,6\n"), null)).getMessage())
                .isEqualTo("The dataset has 3 rows × 2 columns = 6 cells or more; the limit hourglass.limits.max-cells is 5.");
    }

    @Test
    void aGzipThatInflatesBeyondTheCapIsRefusedWhileInflating() {
        // 16 MB of "1,2\n" gzips to about 16 KB; the cap is 1 MB
        CsvDatasetParser capped = new CsvDatasetParser(new Limits(100_000_000, 10, Long.MAX_VALUE, 1000, 1 << 20, 1000));
        byte[] bomb = gzip(("a,b\n" + "1,2\n".repeat(4 << 20)).getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(100_000);

        ApiException e = problem(413, "upload-too-large", () -> capped.parse(new ByteArrayInputStream(bomb), null));

        assertThat(e.getMessage()).isEqualTo("The upload inflates to more than 1048576 bytes; the limit "
                + "hourglass.limits.max-inflated-bytes is 1048576.");
    }

    @Test
    void aCellOfMoreCharactersThanTheFieldCapIsRefusedNamingIt() {
        // the default cap (65,536 characters) applies; quoted or not, one cell of 1 MB is refused as it is read
        for (String cell : new String[] {"1".repeat(1 << 20), "\"" + "x,\n\"\"".repeat(1 << 18) + "\""}) {
            byte[] upload = gzip(("a,b\n1,2\n3," + cell + "\n").getBytes(StandardCharsets.UTF_8));

            ApiException e = problem(413, "dataset-too-large", () -> parser.parse(new ByteArrayInputStream(upload), null));

            assertThat(e.getMessage()).isEqualTo("Line 3 has a cell of more than 65536 characters; the limit "
                    + "hourglass.limits.max-field-chars is 65536.");
        }
    }

    @Test
    void aRecordOfMoreCellsThanTheColumnLimitIsRefusedNamingIt() {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(100, 2, 100, 1000));

        ApiException e = problem(413, "dataset-too-large",
                () -> small.parse(text("a,b\n1,2\n" + "1,".repeat(100_000) + "1\n"), null));

        assertThat(e.getMessage()).isEqualTo("Line 3 has more than 3 cells; the limit hourglass.limits.max-columns is 2 "
                + "(and one label column).");
    }

    @Test
    void ignoredColumnsCountTowardTheColumnLimitAsTheHeaderIsRead() {
        // 100,001 columns, all but x IGNOREd: only one would be stored, yet the header alone is over the cap of 2
        CsvDatasetParser small = new CsvDatasetParser(new Limits(100, 2, 100, 1000));
        StringBuilder header = new StringBuilder("x");
        StringBuilder schema = new StringBuilder("{\"i0\": \"IGNORE\"");
        for (int i = 0; i < 100_000; i++) {
            header.append(",i").append(i);
            if (i > 0 && i < 10) {
                schema.append(", \"i").append(i).append("\": \"IGNORE\"");
            }
        }

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(text(header + "\n1" + ",0".repeat(100_000)
                + "\n"), null, TableSchema.parse(schema + "}")));

        assertThat(e.getMessage()).isEqualTo("Line 1 has more than 3 cells; the limit hourglass.limits.max-columns is 2 "
                + "(and one label column).");
    }

    @Test
    void blankLinesCountTowardTheRowLimit() {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(2, 10, 100, 1000));

        ApiException e = problem(413, "dataset-too-large", () -> small.parse(text("a\n1\n\r\n\n\"2\"\n"), null));

        assertThat(e.getMessage()).isEqualTo("The dataset has 3 rows or more; the limit hourglass.limits.max-rows is 2.");
    }

    @Test
    void quotedDelimitersAndLineBreaksAreOneCell() throws Exception {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(2, 1, 100, 1000, 1 << 20, 8));

        ParsedDataset parsed = small.parse(text("a,label\r\n1,\"x,\ny\"\"z\"\r\n2,\"\"\r\n"), "label");

        assertThat(parsed.labels()).containsExactly("x,\ny\"z", "");
    }

    @Test
    void aLabelColumnDoesNotCountAgainstTheColumnLimit() throws Exception {
        CsvDatasetParser small = new CsvDatasetParser(new Limits(100, 1, 100, 1000));

        assertThat(small.parse(text("x,label\n1,a\n"), "label").columns()).isEqualTo(1);
    }

    @Test
    void infersACategoricalColumnFromTextAndCodesItsLevelsInSortedOrder() throws Exception {
        ParsedDataset parsed = parser.parse(text("size,color\n1,red\n2,blue\n3,green\n4,red\n"), null);

        assertThat(parsed.levels()).containsExactly(null, List.of("blue", "green", "red"));
        // red = 2, blue = 0, green = 1: the codes follow the sorted levels, not the order of the rows.
        assertThat(parsed.features()).containsExactly(1f, 2f, 2f, 0f, 3f, 1f, 4f, 2f);
        assertThat(parsed.missing()).isNull();
    }

    @Test
    void turnsEarlierNumbersIntoLevelsByTheirOriginalText() throws Exception {
        ParsedDataset parsed = parser.parse(text("zip\n02139\n10001\n1\n1.50\nSW1A\n02139\n"), null);

        // String order: "02139" < "1" < "1.50" < "10001" < "SW1A".
        assertThat(parsed.levels()).containsExactly(List.of("02139", "1", "1.50", "10001", "SW1A"));
        assertThat(parsed.features()).containsExactly(0f, 3f, 1f, 2f, 4f, 0f);
    }

    @Test
    void readsEmptyNaAndNaNCellsAsMissingInBothTypesWithAMaskBitPerCell() throws Exception {
        ParsedDataset parsed = parser.parse(text("a,b,label\n1,x,p\n,NA,q\n NaN ,y,r\n4,\" \",s\n"), "label");

        assertThat(parsed.levels()).containsExactly(null, List.of("x", "y"));
        assertThat(parsed.features()).containsExactly(1f, 0f, 0f, 0f, 0f, 1f, 4f, 0f);
        // Cells 2, 3, 4 and 7 are missing: bits 2, 3, 4, 7 of byte 0.
        assertThat(parsed.missing()).containsExactly((byte) 0b1001_1100);
        assertThat(parsed.labels()).containsExactly("p", "q", "r", "s");
    }

    @Test
    void setsTheMaskBitOfCellIInByteIOver8AtBitIMod8() throws Exception {
        // 3 columns × 4 rows = 12 cells; cells 0 (row 0, a) and 10 (row 3, b) are missing.
        ParsedDataset parsed = parser.parse(text("a,b,c\n,1,1\n1,1,1\n1,1,1\n1,,1\n"), null);

        assertThat(parsed.missing()).containsExactly((byte) 0b0000_0001, (byte) 0b0000_0100);
    }

    @Test
    void aSchemaDeclaresNumbersCategoricalLeavesIgnoredColumnsOutAndKeepsOthersInferred() throws Exception {
        ParsedDataset parsed = parser.parse(text("id,grade,note,x\n7,2,hello,0.5\n8,10,,1.5\n"), null,
                TableSchema.parse("{\"grade\": \"CATEGORICAL\", \"id\": \"IGNORE\", \"note\": \"categorical\"}"));

        assertThat(parsed.featureNames()).containsExactly("grade", "note", "x");
        assertThat(parsed.levels()).containsExactly(List.of("10", "2"), List.of("hello"), null);
        assertThat(parsed.features()).containsExactly(1f, 0f, 0.5f, 0f, 0f, 1.5f);
        // Cell 4 (row 1, note) is missing.
        assertThat(parsed.missing()).containsExactly((byte) 0b0001_0000);
    }

    @Test
    void aColumnDeclaredCategoricalTakesEvenNonFiniteSpellingsAsLevels() throws Exception {
        ParsedDataset parsed = parser.parse(text("v\ninf\n1e39\n"), null, TableSchema.parse("{\"v\": \"CATEGORICAL\"}"));

        assertThat(parsed.levels()).containsExactly(List.of("1e39", "inf"));
    }

    @Test
    void refusesASchemaNamingAnUnknownColumnTheLabelColumnOrAnUnknownType() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("a,b,y\n1,2,3\n"), "y",
                TableSchema.parse("{\"c\": \"NUMERIC\", \"y\": \"IGNORE\"}")));
        assertThat(e.errors()).containsExactly(
                new FieldProblem("schema.c", "is not a column of the dataset"),
                new FieldProblem("schema.y", "is the label column; the schema types feature columns only"));

        assertThat(problem(422, "invalid-dataset", () -> TableSchema.parse("{\"a\": \"TEXT\", \"b\": 1}")).errors())
                .containsExactly(new FieldProblem("schema.a", "\"TEXT\" is not one of NUMERIC, CATEGORICAL, IGNORE"),
                        new FieldProblem("schema.b", "must be one of NUMERIC, CATEGORICAL, IGNORE"));
        assertThat(problem(422, "invalid-dataset", () -> TableSchema.parse("[\"a\"]")).errors())
                .containsExactly(new FieldProblem("schema", "must be an object {column: NUMERIC | CATEGORICAL | IGNORE}"));
        assertThat(problem(422, "invalid-dataset", () -> TableSchema.parse("{\"a\": ")).errors())
                .singleElement().satisfies(p -> assertThat(p.reason()).startsWith("is not valid JSON: "));
    }

    @Test
    void refusesASchemaThatIgnoresEveryColumn() {
        assertThat(problem(422, "invalid-dataset", () -> parser.parse(text("a\n1\n"), null,
                TableSchema.parse("{\"a\": \"IGNORE\"}"))).errors())
                .containsExactly(new FieldProblem("schema", "ignores every column: a dataset needs at least one feature column"));
    }

    @Test
    void refusesAColumnWhoseEveryCellIsMissingNamingIt() {
        ApiException e = problem(422, "invalid-dataset", () -> parser.parse(text("a,b\n1,\n2,NA\n"), null));

        assertThat(e.errors()).containsExactly(new FieldProblem("column \"b\"", "has no values: every cell is missing"));
    }

    @Test
    void refusesMoreLevelsThanTheLimitSuggestingToIgnoreTheColumn() throws Exception {
        CsvDatasetParser twoLevels = new CsvDatasetParser(new Limits(100, 10, 1000, 2));
        String csv = "id,x\n1,a\n2,b\n3,c\n";

        ApiException e = problem(422, "invalid-dataset", () -> twoLevels.parse(text(csv), null));

        assertThat(e.errors()).containsExactly(new FieldProblem("column \"x\"", "has more than 2 distinct values "
                + "(hourglass.limits.max-levels); to leave it out, send \"schema\": {\"x\": \"IGNORE\"}"));
        assertThat(twoLevels.parse(text(csv), null, TableSchema.parse("{\"x\": \"IGNORE\"}")).featureNames())
                .containsExactly("id");
    }
}
