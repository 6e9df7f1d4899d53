/**
 * The dataset module's machinery, not its API: streaming parsers for CSV, JSON and IDX (each optionally
 * gzipped), the growable float matrix they fill, limit checks, hashing of the upload and column statistics.
 * Parsers throw {@link dev.hourglass.system.ApiException}s (422 {@code invalid-dataset}, 413
 * {@code dataset-too-large}) whose {@code errors[]} name the offending row and column.
 */
package dev.hourglass.dataset.internal;
