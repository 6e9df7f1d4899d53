package dev.hourglass.engine.table;

import dev.hourglass.engine.spec.TableLayout;

/**
 * Rows of a table as the engine takes them: {@code values(rows, columns)} row-major, a numeric cell
 * its number, a categorical cell its level's index (0 … levels − 1); {@code missing(rows, columns)}
 * marks the cells that have no value (their entry in {@code values} is ignored), or is null when every
 * cell has one.
 */
public record Table(TableLayout layout, float[] values, int rows, boolean[] missing) {

    public Table {
        long cells = (long) rows * layout.columns();
        if (rows < 0 || values.length < cells || (missing != null && missing.length < cells)) {
            throw new IllegalArgumentException("a table of " + rows + " x " + layout.columns() + " needs that many values"
                    + (missing != null ? " and missing flags" : ""));
        }
    }

    /** Rows of plain numbers, every cell present. */
    public static Table numeric(float[] values, int rows, int columns) {
        return new Table(TableLayout.numeric(columns), values, rows, null);
    }

    public int columns() {
        return layout.columns();
    }

    /**
     * Whether the network needs the table's layout: a categorical column, or a missing cell. A table of
     * plain numbers with every cell present trains as a plain matrix, on the plain path.
     */
    public boolean typed() {
        if (layout.hasCategorical()) {
            return true;
        }
        if (missing != null) {
            long cells = (long) rows * layout.columns();
            for (int i = 0; i < cells; i++) {
                if (missing[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 1 where a cell is observed, 0 where it is missing, (rows, columns); null when every cell is observed. */
    public float[] observed() {
        return observed(missing, rows * layout.columns());
    }

    /** The first {@code cells} flags of {@code missing} as 1 (observed) or 0 (missing); null when {@code missing} is. */
    public static float[] observed(boolean[] missing, int cells) {
        if (missing == null) {
            return null;
        }
        float[] o = new float[cells];
        for (int i = 0; i < cells; i++) {
            o[i] = missing[i] ? 0f : 1f;
        }
        return o;
    }

    /** Whether numeric cell {@code (row, column)} has a value. */
    public boolean present(int row, int column) {
        return missing == null || !missing[row * layout.columns() + column];
    }
}
