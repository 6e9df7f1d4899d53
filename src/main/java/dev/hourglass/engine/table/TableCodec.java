package dev.hourglass.engine.table;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.train.Normalizer;

/**
 * Turns table rows into a network's input and its output back into the table's terms, fitted on the
 * training rows' observed cells (the mask-aware normalizer):
 * <ul>
 *   <li>a numeric cell is normalized as {@link Normalizer} does, with statistics over the column's
 *   observed cells only; a categorical cell becomes its one-hot block;</li>
 *   <li>a missing cell enters as its column's mean over the observed training cells: the normalized
 *   mean of a numeric column, each level's frequency across a categorical block.</li>
 * </ul>
 * {@link #normalizer()} spans the network's width: numeric positions carry their column's shift and
 * scale, one-hot positions a = 0, b = 1, so inverting an output leaves its probabilities as they are.
 * Binary format (little-endian): int magic "HGTC", int version 1, bytes normalizer (int length first),
 * int width, width floats fill.
 */
public final class TableCodec {

    private static final int MAGIC = 0x48475443; // "HGTC"
    private static final int VERSION = 1;

    private final TableLayout layout;
    private final int[] offsets;
    private final Normalizer normalizer;
    private final float[] fill;

    private TableCodec(TableLayout layout, Normalizer normalizer, float[] fill) {
        if (normalizer.columns() != layout.width() || fill.length != layout.width()) {
            throw new IllegalArgumentException("a codec over " + layout.width() + " positions needs that many shifts and"
                    + " fill values, got " + normalizer.columns() + " and " + fill.length);
        }
        this.layout = layout;
        this.offsets = layout.offsets();
        this.normalizer = normalizer;
        this.fill = fill;
    }

    /** Fitted on the observed cells of {@code trainingRows} of {@code table}. */
    public static TableCodec fit(Normalization kind, Table table, int[] trainingRows) {
        TableLayout layout = table.layout();
        int cols = layout.columns();
        boolean[] categorical = new boolean[cols];
        for (int c = 0; c < cols; c++) {
            categorical[c] = layout.categorical(c);
        }
        Normalizer columns = Normalizer.fitObserved(kind, table.values(), cols, trainingRows, table.missing(), categorical);
        float[] colA = columns.a();
        float[] colB = columns.b();
        int[] offsets = layout.offsets();
        int width = layout.width();
        float[] a = new float[width];
        float[] b = new float[width];
        Arrays.fill(b, 1f);
        double[] sums = new double[width];
        long[] observed = new long[cols];
        for (int r : trainingRows) {
            for (int c = 0; c < cols; c++) {
                if (!table.present(r, c)) {
                    continue;
                }
                observed[c]++;
                float v = table.values()[r * cols + c];
                if (categorical[c]) {
                    sums[offsets[c] + level(v, layout.levels()[c])] += 1;
                } else {
                    sums[offsets[c]] += (v - colA[c]) * colB[c];
                }
            }
        }
        float[] fill = new float[width];
        for (int c = 0; c < cols; c++) {
            if (!categorical[c]) {
                a[offsets[c]] = colA[c];
                b[offsets[c]] = colB[c];
            }
            for (int p = offsets[c]; p < offsets[c + 1]; p++) {
                fill[p] = observed[c] == 0 ? (categorical[c] ? 1f / (offsets[c + 1] - offsets[c]) : 0f)
                        : (float) (sums[p] / observed[c]);
            }
        }
        return new TableCodec(layout, Normalizer.of(kind, a, b), fill);
    }

    /** A categorical cell's level index, checked. */
    private static int level(float code, int levels) {
        int k = (int) code;
        if (k != code || k < 0 || k >= levels) {
            throw new IllegalArgumentException("a categorical cell holds " + code + ", not a level index below " + levels);
        }
        return k;
    }

    public TableLayout layout() {
        return layout;
    }

    /** The shifts and scales of every network position (see the class comment). */
    public Normalizer normalizer() {
        return normalizer;
    }

    /** What a missing cell enters as, per network position (copy). */
    public float[] fill() {
        return fill.clone();
    }

    /**
     * Table rows {@code values(count, columns)} (categorical cells as level indices; {@code missing} of the
     * same shape or null) as network input {@code (count, width)}: normalized, one-hot, missing cells filled.
     */
    public float[] encode(float[] values, boolean[] missing, int count) {
        int cols = layout.columns();
        int width = layout.width();
        int[] levels = layout.levels();
        float[] a = normalizer.a();
        float[] b = normalizer.b();
        float[] out = new float[count * width];
        for (int r = 0; r < count; r++) {
            int row = r * width;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                int p = offsets[c];
                if (missing != null && missing[i]) {
                    System.arraycopy(fill, p, out, row + p, offsets[c + 1] - p);
                } else if (levels[c] > 0) {
                    out[row + p + level(values[i], levels[c])] = 1f;
                } else {
                    out[row + p] = (values[i] - a[p]) * b[p];
                }
            }
        }
        return out;
    }

    /** The rows of {@code table} as network input; see {@link #encode(float[], boolean[], int)}. */
    public float[] encode(Table table) {
        return encode(table.values(), table.missing(), table.rows());
    }

    /** The most probable level of categorical column {@code column} in output row {@code row} of {@code y(·, width)}. */
    public int mostProbable(float[] y, int row, int column) {
        int from = row * layout.width() + offsets[column];
        int best = 0;
        for (int k = 1; k < offsets[column + 1] - offsets[column]; k++) {
            if (y[from + k] > y[from + best]) {
                best = k;
            }
        }
        return best;
    }

    public byte[] toBytes() {
        byte[] n = normalizer.toBytes();
        ByteBuffer buf = ByteBuffer.allocate(16 + n.length + 4 * fill.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putInt(VERSION).putInt(n.length).put(n).putInt(fill.length);
        for (float f : fill) {
            buf.putFloat(f);
        }
        return buf.array();
    }

    /** Reads what {@link #toBytes} wrote, for a network of this {@code layout}. */
    public static TableCodec fromBytes(byte[] bytes, TableLayout layout) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (buf.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a table codec (bad magic)");
            }
            int version = buf.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported table codec version " + version);
            }
            int length = buf.getInt();
            if (length < 0 || length > buf.remaining()) {
                throw new IllegalArgumentException("corrupt table codec");
            }
            byte[] n = new byte[length];
            buf.get(n);
            int width = buf.getInt();
            if (width != layout.width() || buf.remaining() != 4L * width) {
                throw new IllegalArgumentException("the table codec's width does not match the network's " + layout.width());
            }
            float[] fill = new float[width];
            for (int p = 0; p < width; p++) {
                fill[p] = buf.getFloat();
            }
            return new TableCodec(layout, Normalizer.fromBytes(n), fill);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated table codec", e);
        }
    }
}
