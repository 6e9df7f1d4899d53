package dev.hourglass.dataset.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The uploaded bytes as the parsers see them, counted and hashed on the way through. The SHA-256 is of
 * the bytes as uploaded (before any gunzip), so a client can check it against {@code sha256sum} of its file.
 */
public final class DigestingInput {

    private final MessageDigest sha256;
    private final Counting counting;
    private final InputStream stream;

    public DigestingInput(InputStream raw) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        counting = new Counting(new DigestInputStream(raw, sha256));
        stream = Inputs.closeShield(counting);
    }

    /** The stream to parse; closing it leaves the upload open so that {@link #finish()} can drain it. */
    public InputStream stream() {
        return stream;
    }

    /** Reads whatever the parser left (trailing bytes still count) and returns the hex SHA-256. */
    public String finish() throws IOException {
        counting.transferTo(OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(sha256.digest());
    }

    public long size() {
        return counting.count;
    }

    private static final class Counting extends java.io.FilterInputStream {

        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes would escape the digest: read them instead.
            byte[] sink = new byte[(int) Math.min(n, 8192)];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }
    }

    /** The SHA-256 of {@code bytes}, in hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
