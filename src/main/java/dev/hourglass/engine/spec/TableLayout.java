package dev.hourglass.engine.spec;

import java.util.Arrays;
import java.util.List;

/**
 * How a typed table's columns lie in a network's input and output: a numeric column is one position,
 * a categorical column of L levels a block of L one-hot positions, decoded by a softmax. Columns keep
 * their table order. A network with a layout scores only the cells its pass marks observed, and its
 * output layer's activation applies to the numeric positions only.
 *
 * @param levels per table column, 0 for a numeric one, else its level count (at least 1)
 */
public record TableLayout(int[] levels) {

    public TableLayout {
        levels = levels.clone();
        for (int l : levels) {
            if (l < 0) {
                throw new IllegalArgumentException("a level count cannot be negative: " + Arrays.toString(levels));
            }
        }
        if (levels.length == 0) {
            throw new IllegalArgumentException("a table has at least one column");
        }
    }

    /** A layout of {@code columns} numeric columns (a numeric table with missing cells). */
    public static TableLayout numeric(int columns) {
        return new TableLayout(new int[columns]);
    }

    /** Per column, null for a numeric one, its levels for a categorical one: the counts of those levels. */
    public static TableLayout of(List<List<String>> levels) {
        int[] counts = new int[levels.size()];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = levels.get(c) == null ? 0 : levels.get(c).size();
        }
        return new TableLayout(counts);
    }

    /** Table columns. */
    public int columns() {
        return levels.length;
    }

    @Override
    public int[] levels() {
        return levels.clone();
    }

    public boolean categorical(int column) {
        return levels[column] > 0;
    }

    /** Positions column {@code column} takes: 1, or its level count. */
    public int size(int column) {
        return Math.max(1, levels[column]);
    }

    /** Where column {@code column} starts in the network's input and output. */
    public int offset(int column) {
        int o = 0;
        for (int c = 0; c < column; c++) {
            o += size(c);
        }
        return o;
    }

    /** Each column's start, and the width after the last: {@code columns() + 1} values. */
    public int[] offsets() {
        int[] o = new int[levels.length + 1];
        for (int c = 0; c < levels.length; c++) {
            o[c + 1] = o[c] + size(c);
        }
        return o;
    }

    /** The network's input and output width. */
    public int width() {
        long w = 0;
        for (int c = 0; c < levels.length; c++) {
            w += size(c);
        }
        return (int) Math.min(w, Integer.MAX_VALUE);
    }

    public boolean hasCategorical() {
        for (int l : levels) {
            if (l > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableLayout t && Arrays.equals(levels, t.levels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return "TableLayout" + Arrays.toString(levels);
    }
}
