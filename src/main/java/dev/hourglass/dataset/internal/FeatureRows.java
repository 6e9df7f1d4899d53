package dev.hourglass.dataset.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A cursor over the rows {@code [first, first + count)} of a stored feature matrix (row-major float32
 * little-endian, {@code columns × 4} bytes a row). It reads whole rows, {@code rangeBytes} at a time (at
 * least one row however wide), so only one range of the blob is in memory while the rows are written out. A
 * dataset with missing cells also has a missing mask (one bit per cell, row-major, bit {@code i} in byte
 * {@code i >> 3} at {@code 1 << (i & 7)}), read along in step with the rows.
 */
public final class FeatureRows {

    private final RangeReader blob;
    private final RangeReader mask;
    private final int columns;
    private final int rowBytes;
    private final int rowsPerRange;
    private final long end;
    private long next;
    private ByteBuffer range = ByteBuffer.allocate(0);
    private int rowStart = -1;
    private byte[] maskRange;
    /** The cell index of bit 0 of {@link #maskRange}. */
    private long maskBase;

    /** A cursor over a matrix without missing cells. */
    public FeatureRows(RangeReader blob, int columns, long first, long count, int rangeBytes) {
        this(blob, null, columns, first, count, rangeBytes);
    }

    /** {@code mask} reads the missing mask, or is null when no cell is missing. */
    public FeatureRows(RangeReader blob, RangeReader mask, int columns, long first, long count, int rangeBytes) {
        if (columns < 1 || first < 0 || count < 0 || rangeBytes < 1) {
            throw new IllegalArgumentException("columns " + columns + ", first " + first + ", count " + count
                    + ", rangeBytes " + rangeBytes);
        }
        this.blob = blob;
        this.mask = mask;
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
            if (mask != null) {
                long fromByte = next * columns >> 3;
                long toByte = ((next + rows) * columns + 7) >> 3;
                maskRange = mask.read(fromByte, Math.toIntExact(toByte - fromByte));
                maskBase = fromByte << 3;
            }
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

    /** Whether the matrix has missing cells (a mask to read). */
    public boolean hasMissingMask() {
        return mask != null;
    }

    /** Whether the current row's cell in {@code column} is missing (its value is then 0). */
    public boolean isMissing(int column) {
        Objects.checkIndex(column, columns);
        if (mask == null) {
            return false;
        }
        long bit = (next - 1) * columns + column - maskBase;
        int at = (int) (bit >> 3);
        return at < maskRange.length && (maskRange[at] & (1 << (bit & 7))) != 0;
    }
}
