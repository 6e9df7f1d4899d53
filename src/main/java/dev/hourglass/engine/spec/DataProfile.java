package dev.hourglass.engine.spec;

import dev.hourglass.engine.kernel.ArrayOps;

/**
 * What the rules need to know of the data: its shape, and whether every value lies in [0, 1] (the
 * targets a BCE loss or a Bernoulli likelihood can score without normalization).
 */
public record DataProfile(int rows, int columns, boolean withinUnitInterval) {

    /**
     * The profile of a table as the network sees it: its width in network positions, and whether every
     * observed numeric cell lies in [0, 1] (one-hot positions always do).
     */
    public static DataProfile of(dev.hourglass.engine.table.Table table) {
        TableLayout layout = table.layout();
        int cols = layout.columns();
        boolean within = true;
        for (int r = 0; r < table.rows() && within; r++) {
            for (int c = 0; c < cols; c++) {
                float v = table.values()[r * cols + c];
                if (!layout.categorical(c) && table.present(r, c) && !(v >= 0f && v <= 1f)) {
                    within = false;
                    break;
                }
            }
        }
        return new DataProfile(table.rows(), layout.width(), within);
    }

    /** The profile of {@code data(rows, columns)}, row-major. */
    public static DataProfile of(float[] data, int rows, int columns) {
        return new DataProfile(rows, columns, ArrayOps.allWithin(data, rows * columns, 0f, 1f));
    }
}
