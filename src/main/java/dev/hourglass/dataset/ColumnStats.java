package dev.hourglass.dataset;

/**
 * Statistics of one feature column over all rows: {@code std} is the population standard deviation,
 * {@code sqrt((1/n) Σ (x − mean)²)}.
 */
public record ColumnStats(String name, double min, double max, double mean, double std) {
}
