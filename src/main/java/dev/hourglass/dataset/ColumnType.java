package dev.hourglass.dataset;

/** The type of a stored feature column (DESIGN §8.2). */
public enum ColumnType {
    /** Every observed cell is a finite number, stored as its float32 value. */
    NUMERIC,
    /** Every observed cell is one of the column's levels (text), stored as the level's 0-based code. */
    CATEGORICAL
}
