package dev.hourglass.dataset.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * IDX files, the format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/), plain or gzipped.
 * Header: two zero bytes, a type byte, the number of dimensions {@code d}, then {@code d} big-endian int32
 * sizes; then the values, big-endian, row-major. The first dimension is the rows and the product of the
 * others the features ({@code 60000 × 28 × 28} images → 60000 rows × 784 features named
 * {@code pixel0…pixel783}; a 2-D file's features are {@code col0…}). Values are stored as they are
 * (0..255 for ubyte images): scaling is the training spec's {@code normalization}.
 */
public final class IdxDatasetParser {

    private final Limits limits;

    public IdxDatasetParser(Limits limits) {
        this.limits = limits;
    }

    /** The element types of the IDX format: type byte → bytes per value. */
    private enum Type {
        UBYTE(0x08, 1), BYTE(0x09, 1), SHORT(0x0B, 2), INT(0x0C, 4), FLOAT(0x0D, 4), DOUBLE(0x0E, 8);

        final int code;
        final int size;

        Type(int code, int size) {
            this.code = code;
            this.size = size;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }

    public ParsedDataset parse(InputStream in) throws IOException {
        InputStream content = Inputs.content(in, limits);
        if (content == null) {
            throw Problems.invalid("file", "is empty");
        }
        byte[] magic = content.readNBytes(4);
        if (magic.length < 4) {
            throw Problems.invalid("file", "is too short for an IDX header (" + magic.length + " bytes)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw Problems.invalid("file", String.format("is not an IDX file: the magic number must start with two zero bytes, found 0x%02x%02x%02x%02x",
                    magic[0], magic[1], magic[2], magic[3]));
        }
        Type type = Type.of(magic[2] & 0xff);
        if (type == null) {
            throw Problems.invalid("file", String.format("has an unknown IDX data type 0x%02x (known: 0x08 ubyte, 0x09 byte, "
                    + "0x0B short, 0x0C int, 0x0D float, 0x0E double)", magic[2] & 0xff));
        }
        int dimensions = magic[3] & 0xff;
        if (dimensions == 0) {
            throw Problems.invalid("file", "is an IDX file with no dimensions");
        }
        if (dimensions == 1) {
            throw Problems.invalid("file", "is a 1-dimensional IDX file, which holds labels (like train-labels-idx1-ubyte); "
                    + "upload the images file (idx3) instead");
        }
        byte[] header = content.readNBytes(4 * dimensions);
        if (header.length < 4 * dimensions) {
            throw Problems.invalid("file", "is truncated: the IDX header declares " + dimensions + " dimensions but ends after "
                    + header.length + " of their " + 4 * dimensions + " bytes");
        }
        ByteBuffer sizes = ByteBuffer.wrap(header);
        long rows = Integer.toUnsignedLong(sizes.getInt());
        long columns = 1;
        for (int d = 1; d < dimensions; d++) {
            columns *= Integer.toUnsignedLong(sizes.getInt());
            if (columns == 0) {
                throw Problems.invalid("file", "declares a zero dimension: there are no features");
            }
            limits.checkColumns(columns);
        }
        if (rows == 0) {
            throw Problems.invalid("file", "declares 0 rows");
        }
        limits.checkRows(rows);
        limits.checkCells(rows, columns);
        long rowBytes = columns * type.size;
        if (rowBytes > Limits.MAX_ARRAY_CELLS) {
            throw Problems.invalid("file", "declares rows of " + rowBytes + " bytes, too large to read");
        }

        int width = (int) columns;
        List<String> names = ParsedDataset.numberedNames(dimensions >= 3 ? "pixel" : "col", width);
        MatrixBuilder matrix = new MatrixBuilder(width, limits, rows, true);
        Problems problems = new Problems();
        byte[] buffer = new byte[(int) rowBytes];
        ByteBuffer values = ByteBuffer.wrap(buffer); // big-endian, as IDX is
        for (long r = 0; r < rows; r++) {
            int read = content.readNBytes(buffer, 0, buffer.length);
            if (read < buffer.length) {
                throw Problems.invalid("file", "is truncated: the header declares " + rows + " rows of " + width + " " + type.name().toLowerCase(java.util.Locale.ROOT)
                        + " values, but the data ends in row " + (r + 1) + " (" + (r * rowBytes + read) + " of " + rows * rowBytes + " bytes)");
            }
            int offset = matrix.reserveRow();
            decode(type, buffer, values, matrix, offset, width, r, names, problems);
            if (!problems.any()) {
                matrix.commitRow();
            }
        }
        problems.throwIfAny();
        if (content.read() >= 0) {
            throw Problems.invalid("file", "has bytes after the " + rows + " × " + width + " values its header declares");
        }
        return new ParsedDataset(matrix.rows(), width, matrix.build(), names, null, null, null);
    }

    /** The label column of an IDX upload with a labels file. */
    public static final String LABEL_COLUMN = "label";
    private static final String LABELS = "labels";

    /**
     * The labels of an IDX upload's {@code rows} rows: an IDX1 file of unsigned bytes (MNIST's
     * {@code *-labels-idx1-ubyte}: magic {@code 0x00000801}, the big-endian int32 count, one byte per row), plain
     * or gzipped. Each label is its byte's decimal text, {@code "0"} … {@code "255"}. Anything else, a count that is
     * not {@code rows} among it, is a 422 naming {@code labels}.
     */
    public List<String> parseLabels(InputStream in, int rows) throws IOException {
        InputStream content = Inputs.content(in, LABELS, limits);
        if (content == null) {
            throw Problems.invalid(LABELS, "is empty");
        }
        byte[] header = content.readNBytes(8);
        if (header.length < 4 || header[0] != 0 || header[1] != 0 || header[3] != 1) {
            throw Problems.invalid(LABELS, "is not an IDX1 labels file: " + (header.length < 4
                    ? "it has " + header.length + " bytes" : String.format("its magic number is 0x%02x%02x%02x%02x",
                    header[0], header[1], header[2], header[3])) + "; a labels file (like train-labels-idx1-ubyte) "
                    + "starts 0x00000801, one dimension of unsigned bytes");
        }
        if ((header[2] & 0xff) != Type.UBYTE.code) {
            throw Problems.invalid(LABELS, String.format("holds IDX type 0x%02x; labels are unsigned bytes (0x08)",
                    header[2] & 0xff));
        }
        if (header.length < 8) {
            throw Problems.invalid(LABELS, "is truncated: its IDX1 header ends after " + header.length + " of 8 bytes");
        }
        long count = Integer.toUnsignedLong(ByteBuffer.wrap(header, 4, 4).getInt());
        if (count != rows) {
            throw Problems.invalid(LABELS, "has " + count + " labels for the " + rows + " rows of the file");
        }
        byte[] values = content.readNBytes(rows);
        if (values.length < rows) {
            throw Problems.invalid(LABELS, "is truncated: its header declares " + rows + " labels, the data ends after "
                    + values.length);
        }
        if (content.read() >= 0) {
            throw Problems.invalid(LABELS, "has bytes after the " + rows + " labels its header declares");
        }
        String[] text = new String[256];
        for (int b = 0; b < text.length; b++) {
            text[b] = Integer.toString(b);
        }
        List<String> labels = new java.util.ArrayList<>(rows);
        for (byte v : values) {
            labels.add(text[v & 0xff]);
        }
        return labels;
    }

    private static void decode(Type type, byte[] buffer, ByteBuffer values, MatrixBuilder cells, int offset, int width,
            long row, List<String> names, Problems problems) {
        switch (type) {
            case UBYTE -> {
                for (int j = 0; j < width; j++) cells.set(offset + j, buffer[j] & 0xff);
            }
            case BYTE -> {
                for (int j = 0; j < width; j++) cells.set(offset + j, buffer[j]);
            }
            case SHORT -> {
                for (int j = 0; j < width; j++) cells.set(offset + j, values.getShort(2 * j));
            }
            case INT -> {
                for (int j = 0; j < width; j++) cells.set(offset + j, values.getInt(4 * j));
            }
            case FLOAT, DOUBLE -> {
                for (int j = 0; j < width; j++) {
                    double v = type == Type.FLOAT ? values.getFloat(4 * j) : values.getDouble(8 * j);
                    float f = Cells.narrow(v);
                    if (Float.isNaN(f)) {
                        problems.add(Cells.at(row + 1, names.get(j)), Cells.whyNot(v));
                    }
                    cells.set(offset + j, f);
                }
            }
        }
    }
}
