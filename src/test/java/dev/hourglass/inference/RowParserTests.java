package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** Inference rows: one row-major float array, or a refusal naming each offending {@code field[row][column]}. */
class RowParserTests {

    /**
     * As the service is configured (spring.jackson.json.read.allow-non-numeric-numbers): NaN and Infinity parse;
     * rows are read as the service reads them, by {@link RowsModule}.
     */
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .addModule(new RowsModule(1000)).build();

    private static Rows json(String text) {
        return JSON.readValue(text, Rows.class);
    }

    private static ApiException refusal(String rows, int width, int maxRows) {
        return catchThrowableOfType(ApiException.class, () -> RowParser.parse(json(rows), "instances", width, maxRows));
    }

    /** The refusal is a 422 invalid-rows whose errors[] are exactly these field/reason pairs. */
    private static void assertInvalidRows(ApiException e, FieldProblem... errors) {
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(e.typeUri()).hasToString(ApiException.TYPE_BASE + "invalid-rows");
        assertThat(e.errors()).containsExactly(errors);
    }

    @Test
    void anIntegerBeyondDoubleRangeIsRefusedNamingItsCell() {
        // 1 followed by 400 zeros parses as a BigInteger, which no double (or float) holds
        assertInvalidRows(refusal("[[1, 1" + "0".repeat(400) + "]]", 2, 1),
                new FieldProblem("instances[0][1]", "is infinite or beyond float range"));
    }

    @Test
    void rowsBecomeOneRowMajorArray() {
        // 3.4028234663852886e38 is Float.MAX_VALUE exactly, the largest value that is kept
        float[] x = RowParser.parse(json("[[1, 2.5, -3], [4e2, 0, -3.4028234663852886e38]]"), "instances", 3, 2);

        assertThat(x).containsExactly(1f, 2.5f, -3f, 400f, 0f, -Float.MAX_VALUE);
    }

    @Test
    void aRowOfTheWrongWidthIsNamedByItsIndex() {
        assertInvalidRows(refusal("[[1, 2, 3], [1, 2], [1, 2, 3, 4]]", 3, 10),
                new FieldProblem("instances[1]", "has 2 values; the model expects 3"),
                new FieldProblem("instances[2]", "has 4 values; the model expects 3"));
    }

    @Test
    void aRowThatIsNotAnArrayIsNamedByItsIndex() {
        assertInvalidRows(refusal("[[1, 2], 3]", 2, 10),
                new FieldProblem("instances[1]", "must be an array of 2 numbers"));
    }

    @Test
    void nanIsNamedByRowAndColumn() {
        assertInvalidRows(refusal("[[1, 2, 3], [4, NaN, 6]]", 3, 10), new FieldProblem("instances[1][1]", "is NaN"));
    }

    @Test
    void infinitiesAndValuesBeyondFloatRangeAreNamedByRowAndColumn() {
        String reason = "is infinite or beyond float range";
        assertInvalidRows(refusal("[[Infinity, -Infinity, 1e39, -1e39, 3.4028234663852886e38]]", 5, 10),
                new FieldProblem("instances[0][0]", reason), new FieldProblem("instances[0][1]", reason),
                new FieldProblem("instances[0][2]", reason), new FieldProblem("instances[0][3]", reason));
    }

    @Test
    void cellsThatAreNotNumbersAreNamedByRowAndColumn() {
        String reason = "is not a number";
        assertInvalidRows(refusal("[[\"1\", true, null, [1], {}]]", 5, 10),
                new FieldProblem("instances[0][0]", reason), new FieldProblem("instances[0][1]", reason),
                new FieldProblem("instances[0][2]", reason), new FieldProblem("instances[0][3]", reason),
                new FieldProblem("instances[0][4]", reason));
    }

    @Test
    void theDetailNamesTheFirstProblemAndCountsTheRest() {
        ApiException e = refusal("[[NaN, 2], [3, \"x\"], [5]]", 2, 10);

        assertThat(e.getMessage()).isEqualTo("Row instances[0][0] is NaN (and 2 more)");
    }

    @Test
    void atMostTwentyProblemsAreListed() {
        ApiException e = refusal("[[" + "\"x\", ".repeat(29) + "\"x\"]]", 30, 10);

        assertThat(e.errors()).hasSize(20);
        assertThat(e.errors().get(19).field()).isEqualTo("instances[0][19]");
    }

    @Test
    void theFieldNameIsTheCallersOwn() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> RowParser.parse(json("[[0.5, NaN]]"), "codes", 2, 10));

        assertThat(e.errors()).extracting(FieldProblem::field).containsExactly("codes[0][1]");
    }

    @Test
    void moreRowsThanTheLimitAreTooManyRows() {
        assertThat(RowParser.parse(json("[[1], [2], [3]]"), "instances", 1, 3)).containsExactly(1f, 2f, 3f);

        ApiException e = refusal("[[1], [2], [3], [4]]", 1, 3);
        assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(e.typeUri()).hasToString(ApiException.TYPE_BASE + "too-many-rows");
        assertThat(e.getMessage()).isEqualTo("instances has 4 rows; the limit per request is 3");
    }

    @Test
    void missingEmptyOrNonArrayInstancesAreInvalidRowsNamingTheField() {
        assertInvalidRows(catchThrowableOfType(ApiException.class, () -> RowParser.parse(null, "instances", 1, 3)),
                new FieldProblem("instances", "is required"));
        assertInvalidRows(refusal("null", 1, 3), new FieldProblem("instances", "is required"));
        assertInvalidRows(refusal("[]", 1, 3), new FieldProblem("instances", "needs at least one row"));
        assertInvalidRows(refusal("{\"0\": [1]}", 1, 3),
                new FieldProblem("instances", "must be an array of rows (arrays of numbers)"));
    }

    @Test
    void flatRowMajorDataBecomesRowsWithCellsNamedByRowAndColumn() {
        // the 2-D matrix [1 2; 4 5] flattened, as the Open Inference Protocol allows: "data" : [ 1, 2, 4, 5 ]
        assertThat(RowParser.parseFlat(json("[1, 2, 4, 5]"), "input", 2, 2, 10)).containsExactly(1f, 2f, 4f, 5f);

        assertInvalidRows(catchThrowableOfType(ApiException.class,
                        () -> RowParser.parseFlat(json("[1, 2, 3, NaN, \"x\", 1e39]"), "input", 2, 3, 10)),
                new FieldProblem("input[1][0]", "is NaN"), new FieldProblem("input[1][1]", "is not a number"),
                new FieldProblem("input[1][2]", "is infinite or beyond float range"));
    }

    @Test
    void flatDataOfAnotherLengthThanRowsTimesWidthIsRefused() {
        assertInvalidRows(catchThrowableOfType(ApiException.class,
                        () -> RowParser.parseFlat(json("[1, 2, 3]"), "input", 2, 2, 10)),
                new FieldProblem("input", "has 3 values; 2 rows of 2 need 4"));
        assertInvalidRows(catchThrowableOfType(ApiException.class,
                        () -> RowParser.parseFlat(json("[[1, 2]]"), "input", 1, 2, 10)),
                new FieldProblem("input", "has 1 values; 1 rows of 2 need 2"));
        ApiException tooMany = catchThrowableOfType(ApiException.class,
                () -> RowParser.parseFlat(json("[1, 2, 3, 4]"), "input", 4, 1, 3));
        assertThat(tooMany.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }
}
