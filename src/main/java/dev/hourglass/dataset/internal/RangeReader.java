package dev.hourglass.dataset.internal;

/**
 * Reads part of one stored blob: the bytes {@code [from, from + length)}, fewer where the blob ends. Each
 * call is one database query, so what a caller holds at once is what it asked for, never the whole blob.
 */
@FunctionalInterface
public interface RangeReader {

    byte[] read(long from, int length);
}
