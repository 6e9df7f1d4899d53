/**
 * Datasets: upload (multipart CSV, JSON or IDX/IDX.gz, or a JSON body), parsing and validation, per-column
 * statistics, and storage of the features as one little-endian float32 blob per dataset.
 *
 * <p>The API of this module is {@link dev.hourglass.dataset.Datasets} ({@code get}, {@code load}), the records
 * it returns, and {@link dev.hourglass.dataset.DatasetUsage}, which other modules implement to veto the
 * deletion of a dataset they still need. Parsers live in {@code internal}.
 */
package dev.hourglass.dataset;
