package dev.hourglass.dataset.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A cursor over the rows {@code [first, first + count)} of a stored feature matrix (row-major float32
 * little-endian, {@code columns × 4} bytes a row). It reads whole rows, {@code rangeBytes} at a time (at
 * least one row however wide), so only one range of the blob is in memory while the rows are written out.
 */
public final class FeatureRows {

    private final RangeReader blob;
    private final int columns;
    private final int rowBytes;
    private final int rowsPerRange;
    private final long end;
    private long next;
    private ByteBuffer range = ByteBuffer.allocate(0);
    private int rowStart = -1;

    public FeatureRows(RangeReader blob, int columns, long first, long count, int rangeBytes) {
        if (columns < 1 || first < 0 || count < 0 || rangeBytes < 1) {
            throw new IllegalArgumentException("columns " + columns + ", first " + first + ", count " + count
                    + ", rangeBytes " + rangeBytes);
        }
        this.blob = blob;
        this.columns = columns;
        this.rowBytes = columns * Float.BYTES;
        this.rowsPerRange = Math.max(1, rangeBytes / rowBytes);
        this.next = first;
        this.end = first + count;
    }

    public int columns() {
        return columns;
    }

    /** Moves to the next row; false once the window's rows are done. */
    public boolean next() {
        if (next == end) {
            return false;
        }
        if (!range.hasRemaining()) {
            int rows = (int) Math.min(rowsPerRange, end - next);
            byte[] bytes = blob.read(next * rowBytes, rows * rowBytes);
            if (bytes.length != rows * rowBytes) {
                throw new IllegalStateException("the stored features end before row " + (next + rows)
                        + ": asked for " + rows * rowBytes + " bytes at " + next * rowBytes + ", got " + bytes.length);
            }
            range = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        rowStart = range.position();
        range.position(rowStart + rowBytes);
        next++;
        return true;
    }

    /** The current row's value in {@code column}. */
    public float get(int column) {
        Objects.checkIndex(column, columns);
        return range.getFloat(rowStart + column * Float.BYTES);
    }
}
