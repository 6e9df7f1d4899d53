package dev.hourglass.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class FeatureRowsTests {

    /** A stored matrix whose cell (r, c) holds r + c / 10, and the ranges asked of it. */
    static final class Blob implements RangeReader {

        final byte[] bytes;
        final List<long[]> reads = new ArrayList<>();

        Blob(int rows, int columns) {
            ByteBuffer buffer = ByteBuffer.allocate(rows * columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    buffer.putFloat(r + c / 10f);
                }
            }
            bytes = buffer.array();
        }

        @Override
        public byte[] read(long from, int length) {
            reads.add(new long[] {from, length});
            return Arrays.copyOfRange(bytes, (int) Math.min(from, bytes.length), (int) Math.min(from + length, bytes.length));
        }
    }

    static List<float[]> readAll(FeatureRows rows) {
        List<float[]> out = new ArrayList<>();
        while (rows.next()) {
            float[] row = new float[rows.columns()];
            for (int c = 0; c < row.length; c++) {
                row[c] = rows.get(c);
            }
            out.add(row);
        }
        return out;
    }

    @Test
    void readsTheWindowInRangesOfWholeRowsAndNothingOutsideIt() {
        Blob blob = new Blob(1000, 3);
        // 12 bytes a row: a 100-byte range holds 8 whole rows (96 bytes).
        List<float[]> rows = readAll(new FeatureRows(blob, 3, 5, 50, 100));

        assertThat(rows).hasSize(50);
        assertThat(rows.get(0)).containsExactly(5f, 5.1f, 5.2f);
        assertThat(rows.get(49)).containsExactly(54f, 54.1f, 54.2f);
        // ceil(50 / 8) = 7 queries: six of 8 rows, then the last 2, starting at row 5 (byte 60).
        assertThat(blob.reads).hasSize(7);
        assertThat(blob.reads.get(0)).containsExactly(60, 96);
        assertThat(blob.reads.get(6)).containsExactly(60 + 48 * 12, 24);
        assertThat(blob.reads).allSatisfy(read -> assertThat(read[1]).isLessThanOrEqualTo(100).isEqualTo(read[1] / 12 * 12));
    }

    @Test
    void readsARowWiderThanTheRangeOneRowAtATime() {
        Blob blob = new Blob(4, 50);

        List<float[]> rows = readAll(new FeatureRows(blob, 50, 0, 4, 64));

        assertThat(rows).hasSize(4);
        assertThat(rows.get(3)[49]).isEqualTo(3 + 49 / 10f);
        assertThat(blob.reads).hasSize(4).allSatisfy(read -> assertThat(read[1]).isEqualTo(200));
    }

    @Test
    void anEmptyWindowReadsNothing() {
        Blob blob = new Blob(10, 2);

        assertThat(readAll(new FeatureRows(blob, 2, 10, 0, 1 << 20))).isEmpty();
        assertThat(blob.reads).isEmpty();
    }

    @Test
    void aBlobShorterThanItsShapeIsAnError() {
        Blob blob = new Blob(3, 2);
        FeatureRows rows = new FeatureRows(blob, 2, 0, 5, 1 << 20);

        assertThatThrownBy(rows::next).isInstanceOf(IllegalStateException.class)
                .hasMessage("the stored features end before row 5: asked for 40 bytes at 0, got 24");
    }
}
