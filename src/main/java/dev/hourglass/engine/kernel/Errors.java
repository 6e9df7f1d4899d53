package dev.hourglass.engine.kernel;

/**
 * Per-element reconstruction errors and their row sums, for anomaly scores. Each is O(m·n) against
 * the O(m·n·k) of the forward pass that produced the reconstruction, so a scalar loop on the calling
 * thread (no SIMD twin).
 */
public final class Errors {

    private Errors() {
    }

    /** e(count) = (y − x)². */
    public static void squared(float[] y, float[] x, float[] e, int count) {
        for (int i = 0; i < count; i++) {
            float d = y[i] - x[i];
            e[i] = d * d;
        }
    }

    /** e(count) = |y − x|. */
    public static void absolute(float[] y, float[] x, float[] e, int count) {
        for (int i = 0; i < count; i++) {
            e[i] = Math.abs(y[i] - x[i]);
        }
    }

    /**
     * e(count) += s · (max(z, 0) − z·x + log(1 + e^−|z|)), z read from {@code z[zFrom …]}: the Bernoulli
     * negative log-likelihood of x under the logit z, in the stable form of the BCE loss.
     */
    public static void addBernoulliNll(float[] z, int zFrom, float[] x, float[] e, int count, float s) {
        for (int i = 0; i < count; i++) {
            double zi = z[zFrom + i];
            e[i] += (float) (s * (Math.max(zi, 0) - zi * x[i] + Math.log1p(Math.exp(-Math.abs(zi)))));
        }
    }

    /**
     * e(count) += s · (y − x)² / 2, y read from {@code y[yFrom …]}: the negative log-likelihood of x under
     * N(y, 1), without its constant.
     */
    public static void addHalfSquared(float[] y, int yFrom, float[] x, float[] e, int count, float s) {
        for (int i = 0; i < count; i++) {
            float d = y[yFrom + i] - x[i];
            e[i] += s * 0.5f * d * d;
        }
    }

    /** out[i] = Σ_j e(i, j) over the rows of e(m, n), in double. */
    public static void rowSums(float[] e, int m, int n, double[] out) {
        for (int i = 0, o = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < n; j++, o++) {
                s += e[o];
            }
            out[i] = s;
        }
    }

    /** A 64-bit hash of x[from, from + n): the bits of every value, mixed (SplitMix64's finalizer). */
    public static long hash(float[] x, int from, int n) {
        long h = 0x9E3779B97F4A7C15L * (n + 1L);
        for (int i = from; i < from + n; i++) {
            h ^= Float.floatToRawIntBits(x[i]) & 0xFFFF_FFFFL;
            h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
            h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
            h ^= h >>> 31;
        }
        return h;
    }
}
