package dev.hourglass.engine.kernel;

import java.util.Arrays;

/**
 * Small scalar array operations of the objective terms and diagnostics: broadcasts, column
 * statistics, copies. They are O(m·n) or cheaper against the O(m·n·k) GEMMs around them, so each is
 * a single loop on the calling thread (no SIMD twin), whose result never depends on the thread count.
 */
public final class ArrayOps {

    private ArrayOps() {
    }

    /** y(m,n) += v(n) on every row. */
    public static void addRowVectorInPlace(float[] y, int m, int n, float[] v) {
        for (int i = 0, o = 0; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                y[o] += v[j];
            }
        }
    }

    /** The first index of {@code a} holding NaN or ±∞, or -1 when every value is finite. */
    public static int firstNonFinite(float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The first index of {@code a} holding NaN or ±∞, or -1 when every value is finite. */
    public static int firstNonFinite(double[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Σ x[0, count) in double. */
    public static double sum(float[] x, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += x[i];
        }
        return s;
    }

    /** dst(count) = s · src. */
    public static void scale(float[] src, float[] dst, int count, float s) {
        for (int i = 0; i < count; i++) {
            dst[i] = s * src[i];
        }
    }

    /** a(count) += b. */
    public static void addInPlace(float[] a, float[] b, int count) {
        for (int i = 0; i < count; i++) {
            a[i] += b[i];
        }
    }

    /** c(n) = Σ_i w(i,n)² : squared norms of the columns of w(m,n). */
    public static void columnSumsOfSquares(float[] w, int m, int n, float[] c) {
        Arrays.fill(c, 0, n, 0f);
        for (int i = 0, o = 0; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                c[j] += w[o] * w[o];
            }
        }
    }

    /** g(m,n) += s · v(n) ⊙ w(m,n) on every row (the weight gradient s·dsq_l·W_jl). */
    public static void addColumnScaledInPlace(float[] g, float[] w, int m, int n, float[] v, float s) {
        for (int i = 0, o = 0; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                g[o] += s * v[j] * w[o];
            }
        }
    }

    /** lo(n), hi(n) = per-column minimum and maximum of x(m,n), m ≥ 1. */
    public static void columnRange(float[] x, int m, int n, float[] lo, float[] hi) {
        System.arraycopy(x, 0, lo, 0, n);
        System.arraycopy(x, 0, hi, 0, n);
        for (int i = 1, o = n; i < m; i++) {
            for (int j = 0; j < n; j++, o++) {
                lo[j] = Math.min(lo[j], x[o]);
                hi[j] = Math.max(hi[j], x[o]);
            }
        }
    }

    /** dst(m, count) = src(m, cols)[:, from .. from+count). */
    public static void copyColumns(float[] src, int m, int cols, int from, int count, float[] dst) {
        for (int i = 0; i < m; i++) {
            System.arraycopy(src, i * cols + from, dst, i * count, count);
        }
    }

    /** Whether every x[0, count) lies in [lo, hi] (false for NaN). */
    public static boolean allWithin(float[] x, int count, float lo, float hi) {
        for (int i = 0; i < count; i++) {
            if (!(x[i] >= lo && x[i] <= hi)) {
                return false;
            }
        }
        return true;
    }
}
