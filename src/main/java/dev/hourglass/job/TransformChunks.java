package dev.hourglass.job;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A transform's output so far (table {@code transform_chunk}): float32 little-endian rows, chunk by chunk. */
@Component
class TransformChunks {

    private final JdbcTemplate jdbc;

    TransformChunks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How many chunks are stored: they are written in order, so these are chunks 0 … count − 1. */
    int count(UUID jobId) {
        Integer n = jdbc.queryForObject("select count(*) from transform_chunk where job_id = ?", Integer.class, jobId);
        return n == null ? 0 : n;
    }

    void insert(UUID jobId, int chunk, byte[] features) {
        jdbc.update("insert into transform_chunk (job_id, chunk, features) values (?, ?, ?)", jobId, chunk, features);
    }

    /** The chunks in order, one after the other, into {@code dst}, which they must fill exactly. */
    void readInto(UUID jobId, byte[] dst) {
        int[] at = {0};
        jdbc.query("select features from transform_chunk where job_id = ? order by chunk", rs -> {
            byte[] chunk = rs.getBytes(1);
            System.arraycopy(chunk, 0, dst, at[0], chunk.length);
            at[0] += chunk.length;
        }, jobId);
        if (at[0] != dst.length) {
            throw new IllegalStateException("transform " + jobId + " has " + at[0] + " bytes of chunks, expected " + dst.length);
        }
    }

    void delete(UUID jobId) {
        jdbc.update("delete from transform_chunk where job_id = ?", jobId);
    }
}
