package dev.hourglass.dataset.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Accumulates rows of a row-major matrix straight into its stored form, float32 little-endian bytes, so
 * that an upload is held once (not as a {@code float[]} and again as bytes) and never boxed. The limits are
 * enforced as it grows. Capacity doubles, so appending {@code n} rows costs amortized O(n·columns), but never
 * beyond a declared size (an IDX header's), which then needs no final trim.
 */
final class MatrixBuilder {

    /** The first allocation stays modest (16 Mi cells = 64 MiB) even when a header declares a huge matrix. */
    private static final int MAX_INITIAL_CELLS = 16 << 20;

    private final int columns;
    private final Limits limits;
    private final long cellCap;
    private byte[] bytes;
    private ByteBuffer cells;
    private int rows;

    /**
     * {@code expectedRows} sizes the first allocation; if {@code exact}, it is also the most rows there will
     * be (a count the file declared), so growth stops there.
     */
    MatrixBuilder(int columns, Limits limits, long expectedRows, boolean exact) {
        this.columns = columns;
        this.limits = limits;
        limits.checkColumns(columns);
        // Growing checks the limits, but the first allocation holds at least one row without growing.
        limits.checkCells(1, columns);
        long rowCap = Math.min(limits.effectiveMaxCells() / columns, limits.maxRows());
        if (exact) {
            rowCap = Math.min(rowCap, Math.max(1, expectedRows));
        }
        this.cellCap = rowCap * columns;
        long initial = Math.min(Math.max(1, expectedRows) * columns, Math.min(MAX_INITIAL_CELLS, cellCap));
        allocate(Math.max(initial, columns));
    }

    int columns() {
        return columns;
    }

    int rows() {
        return rows;
    }

    /**
     * Makes room for one more row and returns the index of its first cell, for {@link #set}. The row counts
     * once {@link #commitRow()} is called; a row abandoned half-written (because a cell was invalid) is simply
     * overwritten by the next one.
     */
    int reserveRow() {
        long end = (long) (rows + 1) * columns;
        if (end > capacity()) {
            grow(end);
        }
        return rows * columns;
    }

    void set(int cell, float value) {
        cells.putFloat(cell << 2, value);
    }

    float get(int cell) {
        return cells.getFloat(cell << 2);
    }

    void commitRow() {
        rows++;
    }

    private long capacity() {
        return bytes.length >> 2;
    }

    private void grow(long needed) {
        limits.checkRows(rows + 1L);
        limits.checkCells(rows + 1L, columns);
        if (needed > cellCap) {
            // Only an exact (declared) size caps growth below the limits: the file holds more rows than it said.
            throw new IllegalStateException("more rows than declared: " + (rows + 1));
        }
        long next = Math.min(Math.max(needed, capacity() * 2), cellCap);
        bytes = Arrays.copyOf(bytes, (int) (next << 2));
        cells = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void allocate(long capacityCells) {
        bytes = new byte[(int) (capacityCells << 2)];
        cells = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The matrix as float32 little-endian bytes, exactly {@code rows × columns × 4} of them. */
    byte[] build() {
        int size = rows * columns << 2;
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
