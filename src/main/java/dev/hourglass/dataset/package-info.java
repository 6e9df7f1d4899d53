/**
 * Datasets: upload (multipart CSV, JSON or IDX/IDX.gz, or a JSON body), parsing and validation, per-column
 * statistics, storage of the features as one little-endian float32 blob per dataset, and the rows download
 * ({@code GET /datasets/{id}/rows}, CSV or JSON), which reads that blob range by range as it writes, and each
 * column's histogram ({@code GET /datasets/{id}/histograms}).
 *
 * <p>The API of this module is {@link dev.hourglass.dataset.Datasets} ({@code get}, {@code load}), the records
 * it returns, {@link dev.hourglass.dataset.DatasetUsage}, which other modules implement to veto the
 * deletion of a dataset they still need, and the event {@link dev.hourglass.dataset.DatasetDeleted}, for those
 * that keep something computed from one. Parsers live in {@code internal}.
 *
 * <p>Problem types answered here: {@code invalid-dataset} (422: content, name or label column),
 * {@code unsupported-format} (422: unknown or uninferable format), {@code dataset-too-large} (413: over a
 * {@code hourglass.limits.*} limit, named with its value), {@code dataset-in-use} (409 on delete),
 * {@code invalid-histogram-request} (422: {@code bins} outside 1..100), {@code not-found} (404) and
 * {@code invalid-parameter} (400: page, size, offset or limit out of range, or a rows
 * format other than csv and json).
 */
package dev.hourglass.dataset;
