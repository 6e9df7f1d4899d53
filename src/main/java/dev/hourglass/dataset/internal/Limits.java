package dev.hourglass.dataset.internal;

import dev.hourglass.system.ApiException;

/**
 * The size limits an upload must respect ({@code hourglass.limits.*}), and the most levels a categorical
 * column may have ({@code max-levels}, a 422 rather than a 413: the fix is to leave the column out). Refusals are 413
 * {@code dataset-too-large} problems that name the limit and its value, so an operator knows what to raise; a gzip
 * upload that inflates beyond {@code max-inflated-bytes} is 413 {@code upload-too-large}.
 */
public record Limits(int maxRows, int maxColumns, long maxCells, int maxLevels, long maxInflatedBytes,
                     int maxFieldChars) {

    /** 1 GiB: four times the default upload limit (256 MB), far beyond what a dataset of the default limits needs. */
    public static final long DEFAULT_MAX_INFLATED_BYTES = 1L << 30;

    /** No number, level or label is 64 K characters long; a cell that is only holds a whole file in memory. */
    public static final int DEFAULT_MAX_FIELD_CHARS = 1 << 16;

    public static final String TOO_LARGE = "dataset-too-large";

    /**
     * The features are stored as one {@code byte[]} of float32 (4 bytes a cell), and a Java array holds at most
     * about 2^31 elements: about 536 million cells.
     */
    static final long MAX_ARRAY_CELLS = (Integer.MAX_VALUE - 8) / Float.BYTES;

    /** A level's code is stored as a float32, which holds every integer up to 2^24 exactly. */
    static final int MAX_LEVEL_CODES = 1 << 24;

    /** With the default caps on inflated bytes and characters per CSV cell. */
    public Limits(int maxRows, int maxColumns, long maxCells, int maxLevels) {
        this(maxRows, maxColumns, maxCells, maxLevels, DEFAULT_MAX_INFLATED_BYTES, DEFAULT_MAX_FIELD_CHARS);
    }

    public Limits {
        if (maxRows < 1 || maxColumns < 1 || maxCells < 1 || maxLevels < 1 || maxInflatedBytes < 1
                || maxFieldChars < 1) {
            throw new IllegalArgumentException("hourglass.limits must be positive: max-rows=" + maxRows
                    + ", max-columns=" + maxColumns + ", max-cells=" + maxCells + ", max-levels=" + maxLevels
                    + ", max-inflated-bytes=" + maxInflatedBytes + ", max-field-chars=" + maxFieldChars);
        }
        if (maxLevels > MAX_LEVEL_CODES) {
            throw new IllegalArgumentException("hourglass.limits.max-levels is " + maxLevels + ", at most "
                    + MAX_LEVEL_CODES + " level codes fit a float32 exactly");
        }
    }

    /** The cell budget actually enforced: the configured one, but never more than one array can hold. */
    long effectiveMaxCells() {
        return Math.min(maxCells, MAX_ARRAY_CELLS);
    }

    /** Why a dataset of {@code rows × columns} would be refused, or null when it fits every limit. */
    public String sizeProblem(long rows, long columns) {
        if (rows > maxRows) {
            return rows + " rows; the limit hourglass.limits.max-rows is " + maxRows;
        }
        if (columns > maxColumns) {
            return columns + " columns; the limit hourglass.limits.max-columns is " + maxColumns;
        }
        if (rows * columns > effectiveMaxCells()) {
            return rows + " rows × " + columns + " columns = " + rows * columns + " cells; the limit is "
                    + effectiveMaxCells() + " (hourglass.limits.max-cells; one dataset holds at most " + MAX_ARRAY_CELLS
                    + ")";
        }
        return null;
    }

    public void checkColumns(long columns) {
        if (columns > maxColumns) {
            throw ApiException.tooLarge(TOO_LARGE, "The dataset has " + columns
                    + " feature columns; the limit hourglass.limits.max-columns is " + maxColumns + ".");
        }
    }

    /** {@code rows} is a declared count (IDX header) or, while streaming, the count reached so far. */
    public void checkRows(long rows) {
        if (rows > maxRows) {
            throw ApiException.tooLarge(TOO_LARGE, "The dataset has " + rows
                    + " rows or more; the limit hourglass.limits.max-rows is " + maxRows + ".");
        }
    }

    /** A gzip upload has inflated to {@code bytes}. */
    void checkInflated(long bytes) {
        if (bytes > maxInflatedBytes) {
            throw ApiException.tooLarge("upload-too-large", "The upload inflates to more than " + maxInflatedBytes
                    + " bytes; the limit hourglass.limits.max-inflated-bytes is " + maxInflatedBytes + ".");
        }
    }

    public void checkCells(long rows, long columns) {
        long cells = rows * columns;
        if (cells > maxCells) {
            throw ApiException.tooLarge(TOO_LARGE, "The dataset has " + rows + " rows × " + columns + " columns = "
                    + cells + " cells or more; the limit hourglass.limits.max-cells is " + maxCells + ".");
        }
        if (cells > MAX_ARRAY_CELLS) {
            throw ApiException.tooLarge(TOO_LARGE, "The dataset has " + cells
                    + " cells or more; one dataset holds at most " + MAX_ARRAY_CELLS + " cells.");
        }
    }
}
