package dev.hourglass.dataset.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Builds a typed table (DESIGN §8.2) cell by cell on top of a {@link MatrixBuilder}, so the stored form is still
 * written once: a numeric cell stores its value, a categorical cell its level's code, a missing cell 0 and a bit
 * in the missing mask. A column is numeric until its first text cell (unless declared), which turns it
 * categorical: its earlier numbers become levels by their text ({@link NumericTexts}). Codes are provisional
 * (order of first sight) until {@link #build}, which recodes them in sorted level order, drops ignored columns
 * and checks what only the whole column tells: every cell missing, or more levels than
 * {@code hourglass.limits.max-levels}.
 */
final class TableBuilder {

    private final int width;
    private final int maxLevels;
    private final Problems problems;
    private final MatrixBuilder matrix;
    private final NumericTexts numericTexts;
    private final Column[] columns;
    private BitSet missing;
    private int rowOffset;

    /** One column's state while it is read. */
    private static final class Column {
        boolean numericDeclared;
        boolean categoricalDeclared;
        boolean categorical;
        boolean ignored;
        boolean overflowed;
        ColumnLevels levels;
        long observed;
        long firstTextRow;
        String firstText;
    }

    TableBuilder(int width, Limits limits, Problems problems) {
        this.width = width;
        this.maxLevels = limits.maxLevels();
        this.problems = problems;
        this.matrix = new MatrixBuilder(width, limits, 1024, false);
        this.numericTexts = new NumericTexts(width, maxLevels);
        this.columns = new Column[width];
        for (int c = 0; c < width; c++) {
            columns[c] = new Column();
        }
    }

    int rows() {
        return matrix.rows();
    }

    /**
     * Declares a column's type, before the rows (CSV) or after them (a JSON document's {@code schema} may come
     * last): CATEGORICAL turns the numbers read so far into levels, NUMERIC refuses the first text read so far.
     */
    void declare(int column, TableSchema.Type type, String name) {
        Column col = columns[column];
        switch (type) {
            case NUMERIC -> {
                col.numericDeclared = true;
                if (col.categorical) {
                    problems.add(Cells.at(col.firstTextRow, name), Cells.whyNot(col.firstText)
                            + " (the schema declares the column NUMERIC)");
                }
            }
            case CATEGORICAL -> {
                col.categoricalDeclared = true;
                if (!col.categorical) {
                    toCategorical(column);
                }
            }
            case IGNORE -> col.ignored = true;
        }
    }

    /** Whether the column is declared CATEGORICAL: then any text is a level, even {@code inf}. */
    boolean isDeclaredCategorical(int column) {
        return columns[column].categoricalDeclared;
    }

    void reserveRow() {
        rowOffset = matrix.reserveRow();
        if (missing != null) {
            missing.clear(rowOffset, rowOffset + width);
        }
    }

    void commitRow() {
        matrix.commitRow();
    }

    /**
     * Whether {@link #number} needs the number's text in this column (a categorical column's level, or an
     * undeclared column's earlier number that may still become one): a JSON reader spares making it otherwise.
     */
    boolean needsText(int column) {
        Column col = columns[column];
        return col.categorical || !col.numericDeclared && numericTexts.wants(column);
    }

    /**
     * A finite number whose text was {@code text} (null if it is the value as {@link FloatText} writes it): its
     * value, or in a categorical column the level of that text.
     */
    void number(int column, float value, String text) {
        Column col = columns[column];
        col.observed++;
        if (col.categorical) {
            level(column, text != null ? text : FloatText.of(value));
            return;
        }
        matrix.set(rowOffset + column, value);
        if (text != null && !col.numericDeclared) {
            numericTexts.keep(column, value, text);
        }
    }

    /**
     * A text cell (neither a number nor missing) in data row {@code row}: a level. False, and nothing stored, if
     * the column is declared NUMERIC (the caller says why in its own terms).
     */
    boolean text(int column, String text, long row) {
        Column col = columns[column];
        if (col.numericDeclared) {
            return false;
        }
        col.observed++;
        if (col.firstTextRow == 0) {
            col.firstTextRow = row;
            col.firstText = text;
        }
        if (!col.categorical) {
            toCategorical(column);
        }
        level(column, text);
        return true;
    }

    void missing(int column) {
        if (missing == null) {
            missing = new BitSet();
        }
        missing.set(rowOffset + column);
        matrix.set(rowOffset + column, 0f);
    }

    private void level(int column, String text) {
        Column col = columns[column];
        int code = col.overflowed ? -1 : col.levels.code(text);
        if (code < 0) {
            overflow(col);
            matrix.set(rowOffset + column, 0f);
        } else {
            matrix.set(rowOffset + column, code);
        }
    }

    /** The earlier (committed) numbers of the column become levels by their text. */
    private void toCategorical(int column) {
        Column col = columns[column];
        col.categorical = true;
        col.levels = new ColumnLevels(maxLevels);
        for (int r = 0; r < matrix.rows() && !col.overflowed; r++) {
            int cell = r * width + column;
            if (!isMissing(cell)) {
                int code = col.levels.code(numericTexts.text(column, matrix.get(cell)));
                if (code < 0) {
                    overflow(col);
                } else {
                    matrix.set(cell, code);
                }
            }
        }
        numericTexts.forget(column);
    }

    /** Too many levels: reported by {@link #build} unless the column turns out ignored; the levels are freed. */
    private static void overflow(Column col) {
        col.overflowed = true;
        col.levels = null;
    }

    private boolean isMissing(int cell) {
        return missing != null && missing.get(cell);
    }

    /** The table as parsed: {@code names} are the columns' names (ignored ones included), in order. */
    ParsedDataset build(List<String> names, String labelColumn, List<String> labels, String name) {
        List<Integer> kept = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            Column col = columns[c];
            if (col.ignored) {
                continue;
            }
            kept.add(c);
            if (col.overflowed) {
                problems.add("column \"" + names.get(c) + "\"", "has more than " + maxLevels + " distinct values "
                        + "(hourglass.limits.max-levels); to leave it out, send \"schema\": {\"" + names.get(c)
                        + "\": \"IGNORE\"}");
            } else if (col.observed == 0) {
                problems.add("column \"" + names.get(c) + "\"", "has no values: every cell is missing");
            }
        }
        if (kept.isEmpty()) {
            problems.add("schema", "ignores every column: a dataset needs at least one feature column");
        }
        problems.throwIfAny();
        recode();
        int rows = matrix.rows();
        byte[] features = matrix.build();
        BitSet mask = missing;
        if (kept.size() < width) {
            features = keepColumns(features, rows, kept);
            mask = keepBits(rows, kept);
        }
        List<String> keptNames = new ArrayList<>(kept.size());
        List<List<String>> levels = new ArrayList<>(kept.size());
        boolean anyCategorical = false;
        for (int c : kept) {
            keptNames.add(names.get(c));
            levels.add(columns[c].categorical ? columns[c].levels.sorted() : null);
            anyCategorical |= columns[c].categorical;
        }
        return new ParsedDataset(rows, kept.size(), features, keptNames, labelColumn, labels, name,
                anyCategorical ? levels : null, maskBytes(mask, (long) rows * kept.size()));
    }

    /** Provisional codes (order of first sight) become stored ones (sorted order). */
    private void recode() {
        for (int c = 0; c < width; c++) {
            if (!columns[c].categorical || columns[c].ignored) {
                continue;
            }
            int[] stored = columns[c].levels.recoding();
            for (int r = 0, cell = c; r < matrix.rows(); r++, cell += width) {
                if (!isMissing(cell)) {
                    matrix.set(cell, stored[(int) matrix.get(cell)]);
                }
            }
        }
    }

    private byte[] keepColumns(byte[] features, int rows, List<Integer> kept) {
        ByteBuffer from = ByteBuffer.wrap(features).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer to = ByteBuffer.allocate(rows * kept.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            for (int c : kept) {
                to.putFloat(from.getFloat((r * width + c) * Float.BYTES));
            }
        }
        return to.array();
    }

    private BitSet keepBits(int rows, List<Integer> kept) {
        if (missing == null) {
            return null;
        }
        BitSet bits = new BitSet();
        for (int r = 0, i = 0; r < rows; r++) {
            for (int c : kept) {
                if (missing.get(r * width + c)) {
                    bits.set(i);
                }
                i++;
            }
        }
        return bits;
    }

    /** Bit i is cell i (byte i >> 3, bit i & 7): {@link BitSet#toByteArray}'s order, padded to whole cells. */
    private static byte[] maskBytes(BitSet mask, long cells) {
        if (mask == null || mask.isEmpty()) {
            return null;
        }
        return Arrays.copyOf(mask.toByteArray(), (int) ((cells + 7) / 8));
    }
}
