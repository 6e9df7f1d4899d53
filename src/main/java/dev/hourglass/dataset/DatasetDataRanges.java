package dev.hourglass.dataset;

import java.util.UUID;

import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads ranges of a dataset's stored blobs with SQL {@code substring(… from … for …)}, which H2 (on
 * {@code varbinary}) and PostgreSQL (on {@code bytea}) both answer without sending the rest of the blob.
 * One call is one query on a connection of its own (auto-commit, no transaction held between calls), so a
 * download streams a large dataset without holding the blob or a long transaction.
 */
@Repository
class DatasetDataRanges {

    private static final String FEATURES =
            "select substring(features from ? for ?) from dataset_data where dataset_id = ?";
    private static final String MISSING =
            "select substring(missing from ? for ?) from dataset_data where dataset_id = ?";
    private static final String LABELS =
            "select substring(labels from ? for ?) from dataset_data where dataset_id = ?";

    private final JdbcTemplate jdbc;

    DatasetDataRanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Bytes {@code [from, from + length)} of the features (fewer at their end). */
    byte[] features(UUID id, long from, int length) {
        return range(FEATURES, "features", id, from, length);
    }

    /** Bytes {@code [from, from + length)} of the labels' JSON text (fewer at its end). */
    byte[] labels(UUID id, long from, int length) {
        return range(LABELS, "labels", id, from, length);
    }

    /** Bytes {@code [from, from + length)} of the missing mask (fewer at its end); the dataset must have one. */
    byte[] missing(UUID id, long from, int length) {
        return range(MISSING, "missing mask", id, from, length);
    }

    private byte[] range(String sql, String column, UUID id, long from, int length) {
        if (from < 0 || length < 0) {
            throw new IllegalArgumentException("range " + from + " + " + length);
        }
        // SQL positions count from 1; PostgreSQL has substring(bytea, int, int) only, so the arguments are ints
        // (a blob is one Java array on upload, so its positions fit).
        byte[] bytes = jdbc.query(sql, rows -> rows.next() ? rows.getBytes(1) : null,
                Math.toIntExact(from + 1), length, id);
        if (bytes == null) {
            throw new EmptyResultDataAccessException("dataset " + id + " has no stored " + column
                    + " (or no data row: deleted while it was being read?)", 1);
        }
        return bytes;
    }
}
