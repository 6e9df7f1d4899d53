package dev.hourglass.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.hourglass.support.Api;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/datasets/{id}/rows} over real HTTP: values come back exactly, windows are right, and a
 * download uploads again as the same dataset. Runs on H2 ({@link DatasetRowsHttpTests}) and PostgreSQL.
 */
abstract class DatasetRowsFlow {

    /** Floats that are easy to get wrong: extremes, subnormals, negative zero, more digits than float32 keeps. */
    static final String AWKWARD_CSV = """
            tiny,label,huge,"neg, many digits",plain
            1.4e-45,setosa,3.4028235e38,-0.123456789,1
            1.17549435E-38,"a, ""b""\",-3.4028235E38,2.718281828459045,0
            0.000012345678,猫,1e30,-1e-40,16777217
            -0.0,,123456.789,0.1,1e-10
            """;

    protected abstract int port();

    Api api() {
        return new Api(port());
    }

    String uploadCsv(String filename, String csv, String... fields) {
        Api.Response created = api().upload("/api/v1/datasets", filename, csv.getBytes(StandardCharsets.UTF_8), fields);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    Api.Response rows(String id, String query) {
        Api.Response response = api().get("/api/v1/datasets/" + id + "/rows" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    static List<CSVRecord> csv(String text) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }

    /** The uploader's reading of a cell: the nearest double, then the nearest float32. */
    static float uploaded(String text) {
        return (float) Double.parseDouble(text.strip());
    }

    static void assertSameFloat(float actual, float expected, String where) {
        assertThat(Float.floatToRawIntBits(actual)).as("%s: %s vs %s", where, actual, expected)
                .isEqualTo(Float.floatToRawIntBits(expected));
    }

    @Test
    void csvAndJsonGiveBackEveryFloatBitForBitWithTheLabelColumnLast() throws IOException {
        String id = uploadCsv("awkward.csv", AWKWARD_CSV, "labelColumn", "label");
        List<CSVRecord> sent = csv(AWKWARD_CSV);
        int[] featureCells = {0, 2, 3, 4};

        Api.Response asCsv = rows(id, "");
        assertThat(asCsv.contentType()).startsWith("text/csv");
        List<CSVRecord> back = csv(asCsv.body());
        assertThat(back.get(0).toList()).containsExactly("tiny", "huge", "neg, many digits", "plain", "label");
        assertThat(back).hasSize(5);
        for (int r = 1; r <= 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertSameFloat(Float.parseFloat(back.get(r).get(c)), uploaded(sent.get(r).get(featureCells[c])),
                        "csv row " + r + " column " + c);
                // What Python's float() and then numpy.float32 would make of the same text.
                assertSameFloat(uploaded(back.get(r).get(c)), uploaded(sent.get(r).get(featureCells[c])),
                        "csv row " + r + " column " + c + " via double");
            }
            assertThat(back.get(r).get(4)).isEqualTo(sent.get(r).get(1));
        }

        Api.Response asJson = rows(id, "?format=json");
        assertThat(asJson.contentType()).startsWith("application/json");
        JsonNode json = asJson.json();
        assertThat(json.path("name").asString()).isEqualTo("awkward.csv");
        assertThat(json.path("columns").toString()).isEqualTo("[\"tiny\",\"huge\",\"neg, many digits\",\"plain\"]");
        assertThat(json.path("labelColumn").asString()).isEqualTo("label");
        assertThat(json.path("labels").toString()).isEqualTo("[\"setosa\",\"a, \\\"b\\\"\",\"猫\",\"\"]");
        assertThat(json.path("rows").size()).isEqualTo(4);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertSameFloat(json.path("rows").get(r).get(c).floatValue(),
                        uploaded(sent.get(r + 1).get(featureCells[c])), "json row " + r + " column " + c);
            }
        }
    }

    @Test
    void eitherDownloadUploadsAgainAsTheSameDataset() throws IOException {
        String id = uploadCsv("awkward.csv", AWKWARD_CSV, "labelColumn", "label");
        String csv = rows(id, "").body();
        String json = rows(id, "?format=json").body();

        String fromCsv = uploadCsv("again.csv", csv, "labelColumn", "label");
        Api.Response fromJson = api().postJson("/api/v1/datasets", json);
        assertThat(fromJson.status()).as(fromJson.body()).isEqualTo(201);

        assertThat(rows(fromCsv, "").body()).isEqualTo(csv);
        assertThat(rows(fromJson.json().path("id").asString(), "?format=json").body()).isEqualTo(json);
        JsonNode original = api().get("/api/v1/datasets/" + id).json();
        for (String copy : List.of(fromCsv, fromJson.json().path("id").asString())) {
            JsonNode view = api().get("/api/v1/datasets/" + copy).json();
            assertThat(view.path("featureNames")).isEqualTo(original.path("featureNames"));
            assertThat(view.path("labelColumn")).isEqualTo(original.path("labelColumn"));
            assertThat(view.path("stats")).isEqualTo(original.path("stats"));
        }
    }

    @Test
    void offsetAndLimitChooseTheRowsAndTheirLabels() throws IOException {
        StringBuilder text = new StringBuilder("x,y,label\n");
        for (int r = 0; r < 10; r++) {
            text.append(r).append(',').append(r / 2.0).append(",r").append(r).append('\n');
        }
        String id = uploadCsv("ten.csv", text.toString(), "labelColumn", "label");

        assertThat(rows(id, "?offset=3&limit=4").body())
                .isEqualTo("x,y,label\r\n3,1.5,r3\r\n4,2,r4\r\n5,2.5,r5\r\n6,3,r6\r\n");
        assertThat(rows(id, "?offset=8").body()).isEqualTo("x,y,label\r\n8,4,r8\r\n9,4.5,r9\r\n");
        assertThat(rows(id, "?limit=1").body()).isEqualTo("x,y,label\r\n0,0,r0\r\n");
        assertThat(rows(id, "?offset=9&limit=100").body()).isEqualTo("x,y,label\r\n9,4.5,r9\r\n");
        assertThat(rows(id, "?offset=10").body()).isEqualTo("x,y,label\r\n");
        assertThat(rows(id, "?offset=1000000000000&limit=5").body()).isEqualTo("x,y,label\r\n");
        assertThat(rows(id, "?limit=0").body()).isEqualTo("x,y,label\r\n");
        assertThat(rows(id, "?format=json&offset=7&limit=2").body()).isEqualTo(
                "{\"name\":\"ten.csv\",\"columns\":[\"x\",\"y\"],\"labelColumn\":\"label\",\"rows\":[[7,3.5],[8,4]],"
                        + "\"labels\":[\"r7\",\"r8\"]}");
        assertThat(rows(id, "?format=json&offset=10").body()).isEqualTo(
                "{\"name\":\"ten.csv\",\"columns\":[\"x\",\"y\"],\"labelColumn\":\"label\",\"rows\":[],\"labels\":[]}");
    }

    @Test
    void aDatasetWithoutLabelsHasNoLabelColumnInEitherForm() {
        Api.Response created = api().postJson("/api/v1/datasets", "{\"name\": \"xor\", \"columns\": [\"a\", \"b\"], "
                + "\"rows\": [[0, 0], [0, 1], [1, 0], [1, 1]]}");
        String id = created.json().path("id").asString();

        assertThat(rows(id, "?format=csv").body()).isEqualTo("a,b\r\n0,0\r\n0,1\r\n1,0\r\n1,1\r\n");
        assertThat(rows(id, "?format=json&offset=1&limit=2").body())
                .isEqualTo("{\"name\":\"xor\",\"columns\":[\"a\",\"b\"],\"rows\":[[0,1],[1,0]]}");
    }

    /** 60,000 rows × 8 columns, cell (r, c) = (8r + c) / 7 as float32; the CSV upload names no label column. */
    static String sixtyThousandRows() {
        StringBuilder text = new StringBuilder(5_000_000).append("c0,c1,c2,c3,c4,c5,c6,c7\n");
        for (int r = 0; r < 60_000; r++) {
            for (int c = 0; c < 8; c++) {
                text.append(c == 0 ? "" : ",").append(cell(r, c));
            }
            text.append('\n');
        }
        return text.toString();
    }

    static float cell(int r, int c) {
        return (8 * r + c) / 7f;
    }

    @Test
    void sixtyThousandRowsStreamBackCompletelyAsCsvAndAsJson() throws IOException {
        String id = uploadCsv("sixty.csv", sixtyThousandRows());

        List<CSVRecord> csv = csv(rows(id, "").body());
        assertThat(csv).hasSize(60_001);
        for (int r = 0; r < 60_000; r++) {
            for (int c = 0; c < 8; c++) {
                assertSameFloat(Float.parseFloat(csv.get(r + 1).get(c)), cell(r, c), "row " + r + " column " + c);
            }
        }
        JsonNode rows = rows(id, "?format=json").json().path("rows");
        assertThat(rows.size()).isEqualTo(60_000);
        List<Float> last = new ArrayList<>();
        rows.get(59_999).forEach(v -> last.add(v.floatValue()));
        assertThat(last).containsExactly(cell(59_999, 0), cell(59_999, 1), cell(59_999, 2), cell(59_999, 3),
                cell(59_999, 4), cell(59_999, 5), cell(59_999, 6), cell(59_999, 7));
    }

    /** Zip codes declared categorical (one missing), a numeric column with a missing cell, inferred colours. */
    static final String TYPED_CSV = """
            zip,size,color,label
            02139,1.5,red,a
            10001,,blue,b
            NA,2.5, red ,c
            """;

    @Test
    void aTypedCsvUploadReportsTypesLevelsAndMissingCellsAndStreamsBackAsLevelsAndEmptyCells() {
        Api.Response created = api().upload("/api/v1/datasets", "typed.csv", TYPED_CSV.getBytes(StandardCharsets.UTF_8),
                "labelColumn", "label", "schema", "{\"zip\": \"CATEGORICAL\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode stats = created.json().path("stats");
        assertThat(stats.toString()).isEqualTo("["
                + "{\"name\":\"zip\",\"type\":\"CATEGORICAL\",\"missing\":1,"
                + "\"levels\":[{\"level\":\"02139\",\"count\":1},{\"level\":\"10001\",\"count\":1}]},"
                // size: observed 1.5 and 2.5: mean 2, population std 0.5.
                + "{\"name\":\"size\",\"min\":1.5,\"max\":2.5,\"mean\":2.0,\"std\":0.5,\"type\":\"NUMERIC\",\"missing\":1},"
                + "{\"name\":\"color\",\"type\":\"CATEGORICAL\",\"missing\":0,"
                + "\"levels\":[{\"level\":\"blue\",\"count\":1},{\"level\":\"red\",\"count\":2}]}]");
        String id = created.json().path("id").asString();

        assertThat(rows(id, "?format=csv").body()).isEqualTo(
                "zip,size,color,label\r\n02139,1.5,red,a\r\n10001,,blue,b\r\n\"\",2.5,red,c\r\n");
        assertThat(rows(id, "?format=json&offset=1").body()).isEqualTo("{\"name\":\"typed.csv\","
                + "\"columns\":[\"zip\",\"size\",\"color\"],"
                + "\"schema\":{\"zip\":\"CATEGORICAL\",\"size\":\"NUMERIC\",\"color\":\"CATEGORICAL\"},"
                + "\"labelColumn\":\"label\",\"rows\":[[\"10001\",null,\"blue\"],[null,2.5,\"red\"]],\"labels\":[\"b\",\"c\"]}");
    }

    @Test
    void aTypedDatasetUploadsBackFromItsJsonRowsAsTheSameDataset() {
        Api.Response created = api().upload("/api/v1/datasets", "typed.csv", TYPED_CSV.getBytes(StandardCharsets.UTF_8),
                "labelColumn", "label", "schema", "{\"zip\": \"CATEGORICAL\"}");
        String json = rows(created.json().path("id").asString(), "?format=json").body();

        Api.Response again = api().postJson("/api/v1/datasets", json);

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(again.json().path("stats")).isEqualTo(created.json().path("stats"));
        assertThat(again.json().path("featureNames")).isEqualTo(created.json().path("featureNames"));
        assertThat(rows(again.json().path("id").asString(), "?format=json").body()).isEqualTo(json);
    }

    @Test
    void aJsonBodyDeclaresItsSchemaAsAMember() {
        Api.Response created = api().postJson("/api/v1/datasets", """
                {"name": "flags", "columns": ["code", "ok", "unused"],
                 "schema": {"code": "CATEGORICAL", "unused": "IGNORE"},
                 "rows": [[1, true, "x"], [2, false, "y"], [1, null, "z"]]}""");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("featureNames").toString()).isEqualTo("[\"code\",\"ok\"]");
        assertThat(created.json().path("stats").toString()).isEqualTo("["
                + "{\"name\":\"code\",\"type\":\"CATEGORICAL\",\"missing\":0,"
                + "\"levels\":[{\"level\":\"1\",\"count\":2},{\"level\":\"2\",\"count\":1}]},"
                + "{\"name\":\"ok\",\"type\":\"CATEGORICAL\",\"missing\":1,"
                + "\"levels\":[{\"level\":\"false\",\"count\":1},{\"level\":\"true\",\"count\":1}]}]");
    }
}
