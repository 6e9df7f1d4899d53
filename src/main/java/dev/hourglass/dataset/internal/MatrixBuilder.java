package dev.hourglass.dataset.internal;

import java.util.Arrays;

/**
 * Accumulates rows into one row-major {@code float[]} without boxing, enforcing the limits as it grows.
 * Capacity doubles, so appending {@code n} rows costs amortized O(n·columns) and at most twice the final size.
 */
final class MatrixBuilder {

    /** The first allocation stays modest (16 Mi floats = 64 MiB) even when a header declares a huge matrix. */
    private static final int MAX_INITIAL_CELLS = 16 << 20;

    private final int columns;
    private final Limits limits;
    private final long cellCap;
    private float[] cells;
    private int rows;

    /** {@code expectedRows} sizes the first allocation (a declared count, or a guess); it is not a promise. */
    MatrixBuilder(int columns, Limits limits, long expectedRows) {
        this.columns = columns;
        this.limits = limits;
        limits.checkColumns(columns);
        // Growing checks the limits, but the first allocation holds at least one row without growing.
        limits.checkCells(1, columns);
        long maxRowsByCells = limits.effectiveMaxCells() / columns;
        this.cellCap = Math.min(maxRowsByCells, limits.maxRows()) * columns;
        long initial = Math.min(Math.max(1, expectedRows) * columns, Math.min(MAX_INITIAL_CELLS, cellCap));
        this.cells = new float[(int) Math.max(initial, columns)];
    }

    int columns() {
        return columns;
    }

    int rows() {
        return rows;
    }

    /**
     * Makes room for one more row and returns the offset of its first cell in {@link #cells()} (fetch the
     * array after this call: growing replaces it). The row counts once {@link #commitRow()} is called;
     * a row abandoned half-written (because a cell was invalid) is simply overwritten by the next one.
     */
    int reserveRow() {
        long end = (long) (rows + 1) * columns;
        if (end > cells.length) {
            grow(end);
        }
        return rows * columns;
    }

    float[] cells() {
        return cells;
    }

    void commitRow() {
        rows++;
    }

    private void grow(long needed) {
        limits.checkRows(rows + 1L);
        limits.checkCells(rows + 1L, columns);
        long next = Math.min(Math.max(needed, (long) cells.length * 2), cellCap);
        cells = Arrays.copyOf(cells, (int) Math.max(next, needed));
    }

    /** The matrix, trimmed to exactly {@code rows × columns}. */
    float[] build() {
        int size = rows * columns;
        return size == cells.length ? cells : Arrays.copyOf(cells, size);
    }
}
