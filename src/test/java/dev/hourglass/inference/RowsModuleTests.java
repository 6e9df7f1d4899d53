package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hourglass.system.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows read as their tokens arrive: a row of plain numbers into a double array, any other element as the tree
 * Jackson builds for it, and nothing past the row beyond the limit (3 here).
 */
class RowsModuleTests {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .addModule(new RowsModule(3)).build();
    /** As {@link #JSON}, for the tests of more than three rows. */
    private static final JsonMapper NO_LIMIT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).addModule(new RowsModule(Integer.MAX_VALUE)).build();
    /** The reader the rows fields had: Jackson's tree. */
    private static final JsonMapper TREE = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    record Body(Rows instances, Rows modalities, Rows data) {
    }

    private static ApiException refusal(String body) {
        return ApiException.causing(catchThrowable(() -> JSON.readValue(body, Body.class)));
    }

    /** Same node classes (an int, a long, a double, a big integer) and the same text, all the way down. */
    private static void assertSameTree(JsonNode read, JsonNode tree) {
        assertThat(read.getClass()).as(tree.toString()).isEqualTo(tree.getClass());
        assertThat(read.toString()).isEqualTo(tree.toString());
        assertThat(read.size()).isEqualTo(tree.size());
        for (int i = 0; read.isArray() && i < read.size(); i++) {
            assertSameTree(read.get(i), tree.get(i));
        }
    }

    @Test
    void aRowOfPlainNumbersIsReadIntoADoubleArray() {
        Rows rows = JSON.readValue("[[1, 2.5, -3e2, NaN], [0.1, \"x\"]]", Rows.class);

        assertThat(rows.numbers(0).values()).containsExactly(1, 2.5, -300, Double.NaN);
        assertThat(rows.numbers(1)).as("a row holding a string is its tree").isNull();
        assertThat(rows.node(1).toString()).isEqualTo("[0.1,\"x\"]");
    }

    @Test
    void everyElementReadsAsTheTreeJacksonBuildsForIt() {
        // 2^31 is a long; 2^53 + 1 is no double, 10^30 no long: those rows stay trees, their digits kept
        String text = "[[1, 1.0, -0, 0.1, 2147483648, 1e39, NaN, -Infinity], [1, 9007199254740993], "
                + "[2.5, 1" + "0".repeat(30) + "], [1, \"a\", null, true, [2], {\"b\": 3}], {\"x\": [1]}, 7, \"s\", "
                + "null, []]";
        Rows rows = NO_LIMIT.readValue(text, Rows.class);
        JsonNode tree = TREE.readTree(text);

        assertThat(rows.size()).isEqualTo(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            assertSameTree(rows.node(i), tree.get(i));
            assertThat(rows.isArray(i)).isEqualTo(tree.get(i).isArray());
            assertThat(rows.isObject(i)).isEqualTo(tree.get(i).isObject());
        }
        assertThat(rows.numbers(0)).isNotNull();
        assertThat(rows.numbers(1)).isNull();
    }

    @Test
    void anArrayOfPlainNumbersIsOneFlatRunOfCellsNotRows() {
        String text = "[1, 2.5, 3, 4, 5, 6]";
        Rows rows = JSON.readValue(text, Rows.class);

        assertThat(rows.flat().values()).containsExactly(1, 2.5, 3, 4, 5, 6);
        assertThat(rows.size()).as("six cells, beyond the limit of three rows").isEqualTo(6);
        for (int i = 0; i < 6; i++) {
            assertSameTree(rows.node(i), TREE.readTree(text).get(i));
        }
        Rows mixed = JSON.readValue("[1, \"north\", null]", Rows.class);
        assertThat(mixed.flat()).isNull();
        assertSameTree(mixed.node(1), TREE.readTree("\"north\""));
    }

    @Test
    void theRowBeyondTheLimitIsRefusedAsItBeginsAndTheRestIsNotRead() {
        // what follows the fourth row's first token is no JSON: it is never read
        ApiException e = refusal("{\"instances\": [[1], [2], [3], [4 this is not JSON");

        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(e.typeUri()).hasToString(ApiException.TYPE_BASE + "too-many-rows");
        assertThat(e.getMessage()).isEqualTo("instances has 4 rows or more; the limit per request is 3");
        assertThat(JSON.readValue("{\"instances\": [[1], [2], [3]]}", Body.class).instances().size()).isEqualTo(3);
    }

    @Test
    void rowsAreNamedAsTheCallsNameThem() {
        assertThat(refusal("{\"modalities\": {\"left\": [[1]], \"right\": [[1], [2], [3], [4]]}}").getMessage())
                .startsWith("modalities.right has 4 rows or more");
        assertThat(refusal("{\"data\": [[1], [2], [3], [4]]}").getMessage()).startsWith("input has 4 rows or more");
    }

    @Test
    void anExplicitNullIsPresentAndAnAbsentFieldIsNot() {
        Body body = JSON.readValue("{\"instances\": null, \"modalities\": {\"left\": null}}", Body.class);

        assertThat(body.instances().isNull()).isTrue();
        assertThat(body.modalities().get("left").isNull()).isTrue();
        assertThat(body.data()).isNull();
    }
}
