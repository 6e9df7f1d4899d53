package dev.hourglass.engine.spec;

import dev.hourglass.engine.kernel.ArrayOps;

/**
 * What the rules need to know of the data: its shape, and whether every value lies in [0, 1] (the
 * targets a BCE loss or a Bernoulli likelihood can score without normalization).
 */
public record DataProfile(int rows, int columns, boolean withinUnitInterval) {

    /** The profile of {@code data(rows, columns)}, row-major. */
    public static DataProfile of(float[] data, int rows, int columns) {
        return new DataProfile(rows, columns, ArrayOps.allWithin(data, rows * columns, 0f, 1f));
    }
}
