package dev.hourglass.engine.anomaly;

/**
 * Anomaly scores of a batch of rows and, when asked for, each column's error.
 *
 * @param scores       per row
 * @param totals       per row, its column errors summed (the score times the columns for MSE and MAE,
 *                     the score itself for LOG_PROBABILITY): what a column's share is a share of
 * @param columnErrors (rows, columns) row-major: each column's term of its row's score; null unless asked for
 * @param columns      columns per row
 */
public record Scores(double[] scores, double[] totals, float[] columnErrors, int columns) {
}
