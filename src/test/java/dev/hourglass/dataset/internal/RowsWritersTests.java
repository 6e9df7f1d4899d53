package dev.hourglass.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The two download formats on a tiny stored dataset, byte for byte. */
class RowsWritersTests {

    static RangeReader blob(byte[] bytes) {
        return (from, length) -> Arrays.copyOfRange(bytes, (int) from, (int) Math.min(from + length, bytes.length));
    }

    static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    static final byte[] FEATURES = floats(0.1f, -2f, 1e-5f, 3.4028235e38f, -0f, 7f);
    static final byte[] LABELS = "[\"setosa\",\"a, \\\"b\\\"\",\"猫\"]".getBytes(StandardCharsets.UTF_8);

    static RowsWindow window(long first, long count, boolean labelled) {
        FeatureRows rows = new FeatureRows(blob(FEATURES), 2, first, count, 8);
        return labelled
                ? new RowsWindow("iris", List.of("sepal", "petal, cm"), "species", rows, new StoredLabels(blob(LABELS), first, 5))
                : new RowsWindow("iris", List.of("sepal", "petal, cm"), null, rows, null);
    }

    static String write(RowsWriter writer, RowsWindow window) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(window, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvHasAHeaderWithTheLabelColumnLastAndQuotesOnlyWhereNeeded() throws IOException {
        assertThat(write(new CsvRowsWriter(), window(0, 3, true))).isEqualTo("""
                sepal,"petal, cm",species\r
                0.1,-2,setosa\r
                1.0E-5,3.4028235E38,"a, ""b""\"\r
                -0.0,7,猫\r
                """);
        assertThat(write(new CsvRowsWriter(), window(1, 1, false))).isEqualTo("sepal,\"petal, cm\"\r\n1.0E-5,3.4028235E38\r\n");
        assertThat(write(new CsvRowsWriter(), window(3, 0, true))).isEqualTo("sepal,\"petal, cm\",species\r\n");
    }

    @Test
    void jsonIsTheCreateBodyWithTheWindowsLabelsAfterItsRows() throws IOException {
        assertThat(write(new JsonRowsWriter(), window(1, 2, true))).isEqualTo(
                "{\"name\":\"iris\",\"columns\":[\"sepal\",\"petal, cm\"],\"labelColumn\":\"species\","
                        + "\"rows\":[[1.0E-5,3.4028235E38],[-0.0,7]],\"labels\":[\"a, \\\"b\\\"\",\"猫\"]}");
        assertThat(write(new JsonRowsWriter(), window(0, 1, false))).isEqualTo(
                "{\"name\":\"iris\",\"columns\":[\"sepal\",\"petal, cm\"],\"rows\":[[0.1,-2]]}");
        assertThat(write(new JsonRowsWriter(), window(3, 0, true))).isEqualTo(
                "{\"name\":\"iris\",\"columns\":[\"sepal\",\"petal, cm\"],\"labelColumn\":\"species\",\"rows\":[],\"labels\":[]}");
    }
}
