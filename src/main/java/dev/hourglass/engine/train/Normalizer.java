package dev.hourglass.engine.train;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.spec.Normalization;

/**
 * Per-column affine input normalization {@code x' = (x − a) · b}, fitted on training rows, applied
 * to inputs and inverted ({@code x = x' / b + a}) on outputs.
 * <ul>
 *   <li>NONE: a = 0, b = 1.</li>
 *   <li>MINMAX: a = min, b = 1 / (max − min); a constant column has range 1.</li>
 *   <li>ZSCORE: a = mean, b = 1 / std (population std); std 0 counts as 1.</li>
 * </ul>
 * Binary format (little-endian), version 1: int magic "HGNM", int version, int kind ordinal,
 * int cols, cols floats a, cols floats b.
 */
public final class Normalizer {

    private static final int MAGIC = 0x48474E4D; // "HGNM"
    private static final int VERSION = 1;

    private final Normalization kind;
    private final float[] a;
    private final float[] b;

    private Normalizer(Normalization kind, float[] a, float[] b) {
        this.kind = kind;
        this.a = a;
        this.b = b;
    }

    public static Normalizer fit(Normalization kind, float[] data, int rows, int cols) {
        if (rows < 0 || cols <= 0 || data.length < (long) rows * cols) {
            throw new IllegalArgumentException("data must hold " + rows + " x " + cols + " floats");
        }
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++) {
            all[i] = i;
        }
        return fit(kind, data, cols, all);
    }

    /**
     * Fits on the given rows of {@code data} (row-major, {@code cols} wide) without copying them, e.g. the
     * training rows of {@link DataSplit}. Rows are read in order, a whole row at a time; statistics are
     * accumulated in double; the standard deviation is the population one.
     */
    public static Normalizer fit(Normalization kind, float[] data, int cols, int[] rows) {
        if (cols <= 0) {
            throw new IllegalArgumentException("cols must be positive: " + cols);
        }
        float[] a = new float[cols];
        float[] b = new float[cols];
        switch (kind) {
            case NONE -> java.util.Arrays.fill(b, 1f);
            case MINMAX -> {
                float[] min = new float[cols];
                float[] max = new float[cols];
                java.util.Arrays.fill(min, rows.length == 0 ? 0f : Float.POSITIVE_INFINITY);
                java.util.Arrays.fill(max, rows.length == 0 ? 1f : Float.NEGATIVE_INFINITY);
                for (int r : rows) {
                    int o = r * cols;
                    for (int j = 0; j < cols; j++) {
                        float x = data[o + j];
                        min[j] = Math.min(min[j], x);
                        max[j] = Math.max(max[j], x);
                    }
                }
                for (int j = 0; j < cols; j++) {
                    double range = (double) max[j] - min[j];
                    a[j] = min[j];
                    b[j] = scaleOf(range);
                }
            }
            case ZSCORE -> {
                double[] sum = new double[cols];
                for (int r : rows) {
                    int o = r * cols;
                    for (int j = 0; j < cols; j++) {
                        sum[j] += data[o + j];
                    }
                }
                double[] mean = new double[cols];
                for (int j = 0; j < cols; j++) {
                    mean[j] = rows.length > 0 ? sum[j] / rows.length : 0;
                }
                double[] sq = new double[cols];
                for (int r : rows) {
                    int o = r * cols;
                    for (int j = 0; j < cols; j++) {
                        double d = data[o + j] - mean[j];
                        sq[j] += d * d;
                    }
                }
                for (int j = 0; j < cols; j++) {
                    double std = rows.length > 0 ? Math.sqrt(sq[j] / rows.length) : 0;
                    a[j] = (float) mean[j];
                    b[j] = scaleOf(std);
                }
            }
        }
        return new Normalizer(kind, a, b);
    }

    /** A normalizer of the given shifts and scales (copied). */
    public static Normalizer of(Normalization kind, float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("a and b must be non-empty and of one length: " + a.length + ", " + b.length);
        }
        return new Normalizer(kind, a.clone(), b.clone());
    }

    /**
     * As {@link #fit(Normalization, float[], int, int[])}, over the cells of the given rows that are not
     * {@code missing} (same shape as {@code data}); columns marked {@code fixed} (and columns without an
     * observed cell) keep a = 0, b = 1.
     */
    public static Normalizer fitObserved(Normalization kind, float[] data, int cols, int[] rows, boolean[] missing,
                                         boolean[] fixed) {
        float[] a = new float[cols];
        float[] b = new float[cols];
        java.util.Arrays.fill(b, 1f);
        if (kind == Normalization.NONE) {
            return new Normalizer(kind, a, b);
        }
        long[] count = new long[cols];
        double[] sum = new double[cols];
        double[] min = new double[cols];
        double[] max = new double[cols];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r : rows) {
            for (int j = 0, o = r * cols; j < cols; j++, o++) {
                if (!fixed[j] && (missing == null || !missing[o])) {
                    count[j]++;
                    sum[j] += data[o];
                    min[j] = Math.min(min[j], data[o]);
                    max[j] = Math.max(max[j], data[o]);
                }
            }
        }
        double[] sq = new double[cols];
        if (kind == Normalization.ZSCORE) {
            for (int r : rows) {
                for (int j = 0, o = r * cols; j < cols; j++, o++) {
                    if (!fixed[j] && (missing == null || !missing[o])) {
                        double d = data[o] - sum[j] / count[j];
                        sq[j] += d * d;
                    }
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            if (count[j] == 0) {
                continue;
            }
            if (kind == Normalization.MINMAX) {
                a[j] = (float) min[j];
                b[j] = scaleOf(max[j] - min[j]);
            } else {
                a[j] = (float) (sum[j] / count[j]);
                b[j] = scaleOf(Math.sqrt(sq[j] / count[j]));
            }
        }
        return new Normalizer(kind, a, b);
    }

    /** 1/spread, or 1 for a constant column and for a spread so small that its inverse is no finite float. */
    private static float scaleOf(double spread) {
        float b = spread > 0 ? (float) (1.0 / spread) : 1f;
        return Float.isFinite(b) ? b : 1f;
    }

    public Normalization kind() {
        return kind;
    }

    /** Per-column shift a (copy). */
    public float[] a() {
        return a.clone();
    }

    /** Per-column scale b (copy). */
    public float[] b() {
        return b.clone();
    }

    public int columns() {
        return a.length;
    }

    /** rows(count, cols) = (rows − a) · b. */
    public void applyInPlace(float[] rows, int count) {
        check(rows, count);
        Kernels.shiftScaleInPlace(rows, count, a.length, a, b);
    }

    /** rows(count, cols) = rows / b + a. */
    public void invertInPlace(float[] rows, int count) {
        check(rows, count);
        Kernels.unscaleShiftInPlace(rows, count, a.length, a, b);
    }

    private void check(float[] rows, int count) {
        if (count < 0 || rows.length < (long) count * a.length) {
            throw new IllegalArgumentException("rows must hold " + count + " x " + a.length + " floats");
        }
    }

    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(16 + 8 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(MAGIC).putInt(VERSION).putInt(kind.ordinal()).putInt(a.length);
        for (float x : a) {
            buf.putFloat(x);
        }
        for (float x : b) {
            buf.putFloat(x);
        }
        return buf.array();
    }

    public static Normalizer fromBytes(byte[] bytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (buf.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a normalizer (bad magic)");
            }
            int version = buf.getInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported normalizer version " + version);
            }
            int k = buf.getInt();
            int cols = buf.getInt();
            if (k < 0 || k >= Normalization.values().length || cols <= 0 || buf.remaining() != 8L * cols) {
                throw new IllegalArgumentException("corrupt normalizer");
            }
            float[] a = new float[cols];
            float[] b = new float[cols];
            for (int j = 0; j < cols; j++) {
                a[j] = buf.getFloat();
            }
            for (int j = 0; j < cols; j++) {
                b[j] = buf.getFloat();
            }
            return new Normalizer(Normalization.values()[k], a, b);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated normalizer", e);
        }
    }
}
