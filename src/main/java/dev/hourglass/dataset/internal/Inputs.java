package dev.hourglass.dataset.internal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Stream plumbing shared by the parsers: transparent gunzip with a cap on inflated bytes, a UTF-8 byte-order mark, close shielding. */
final class Inputs {

    private Inputs() {
    }

    /**
     * The content of {@code in}, gunzipped when it starts with the gzip magic {@code 1f 8b} (whatever the file
     * is called). Returns {@code null} when {@code in} holds no bytes at all.
     */
    static InputStream content(InputStream in, Limits limits) throws IOException {
        return content(in, "file", limits);
    }

    /**
     * As {@link #content(InputStream, Limits)}, for the upload's part {@code field}: a corrupt gzip stream is named
     * so. Inflating stops with a 413 once it passes {@link Limits#maxInflatedBytes()}: a few kilobytes of gzip can
     * inflate to gigabytes.
     */
    static InputStream content(InputStream in, String field, Limits limits) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 < 0) {
            return null;
        }
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new BufferedInputStream(new Inflated(new GzipErrors(new GZIPInputStream(buffered, 1 << 16), field),
                        limits), 1 << 16);
            } catch (ZipException | EOFException e) {
                throw Problems.invalid(field, "not a valid gzip file (" + e.getMessage() + ")");
            }
        }
        return buffered;
    }

    /** Skips a UTF-8 byte-order mark (Excel writes one in front of CSV files). */
    static InputStream withoutBom(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in);
        buffered.mark(3);
        byte[] head = buffered.readNBytes(3);
        if (!(head.length == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf)) {
            buffered.reset();
        }
        return buffered;
    }

    /** Lets a parser close its reader without closing the upload, which must still be drained for its digest. */
    static InputStream closeShield(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
            }
        };
    }

    /** Counts the inflated bytes and refuses more than the limit, before they reach a parser. */
    private static final class Inflated extends FilterInputStream {

        private final Limits limits;
        private long bytes;

        Inflated(InputStream in, Limits limits) {
            super(in);
            this.limits = limits;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                limits.checkInflated(++bytes);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes += n;
                limits.checkInflated(bytes);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            bytes += skipped;
            limits.checkInflated(bytes);
            return skipped;
        }
    }

    /** Turns a corrupt gzip stream met mid-way into a 422 that says so, instead of an I/O error. */
    private static final class GzipErrors extends FilterInputStream {

        private final String field;

        GzipErrors(InputStream in, String field) {
            super(in);
            this.field = field;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            }
        }

        private RuntimeException corrupt(IOException e) {
            String what = e instanceof EOFException ? "truncated" : "corrupt";
            return Problems.invalid(field, "the gzip stream is " + what + " (" + e.getMessage() + ")");
        }
    }
}
