package dev.hourglass.dataset.internal;

import java.io.InputStream;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * A cursor over a dataset's stored labels (a UTF-8 JSON array of strings) starting at label {@code first}:
 * the array is read as a token stream over the blob's ranges, so neither the blob nor the list of labels is
 * ever held whole. Nothing is read before the first {@link #next()}; then the labels before {@code first} are
 * read and skipped (a JSON array has no index), which costs reading them, not holding them.
 */
public final class StoredLabels implements AutoCloseable {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private final RangeReader blob;
    private final long first;
    private final int rangeBytes;
    private JsonParser parser;

    public StoredLabels(RangeReader blob, long first, int rangeBytes) {
        if (first < 0 || rangeBytes < 1) {
            throw new IllegalArgumentException("first " + first + ", rangeBytes " + rangeBytes);
        }
        this.blob = blob;
        this.first = first;
        this.rangeBytes = rangeBytes;
    }

    /** The next label. */
    public String next() {
        if (parser == null) {
            parser = JSON.createParser(ObjectReadContext.empty(), new RangeInputStream(blob, rangeBytes));
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("the stored labels are not a JSON array");
            }
            for (long i = 0; i < first; i++) {
                label(i);
            }
        }
        return label(-1);
    }

    private String label(long index) {
        if (parser.nextToken() != JsonToken.VALUE_STRING) {
            throw new IllegalStateException("the stored labels end early or hold a non-string"
                    + (index >= 0 ? " at index " + index : ""));
        }
        return parser.getString();
    }

    @Override
    public void close() {
        if (parser != null) {
            parser.close();
        }
    }

    /** The blob as a stream, fetched one range at a time. */
    private static final class RangeInputStream extends InputStream {

        private final RangeReader blob;
        private final int rangeBytes;
        private long position;
        private byte[] range = new byte[0];
        private int offset;
        private boolean ended;

        RangeInputStream(RangeReader blob, int rangeBytes) {
            this.blob = blob;
            this.rangeBytes = rangeBytes;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int at, int length) {
            if (length == 0) {
                return 0;
            }
            if (offset == range.length) {
                if (ended) {
                    return -1;
                }
                range = blob.read(position, rangeBytes);
                offset = 0;
                position += range.length;
                // A short range is the blob's end; an empty one means it ended exactly at the last range.
                ended = range.length < rangeBytes;
                if (range.length == 0) {
                    return -1;
                }
            }
            int n = Math.min(length, range.length - offset);
            System.arraycopy(range, offset, into, at, n);
            offset += n;
            return n;
        }
    }
}
