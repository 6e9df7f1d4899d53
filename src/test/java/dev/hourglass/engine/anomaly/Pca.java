package dev.hourglass.engine.anomaly;

/**
 * Principal component analysis in double precision for tests: the top components of centred rows by
 * orthogonal (subspace) iteration on the covariance, and the reconstruction error of a row projected
 * onto them. An independent baseline for reconstruction-based anomaly scores.
 */
final class Pca {

    private final int n;
    private final double[] mean;
    private final double[][] components;

    private Pca(int n, double[] mean, double[][] components) {
        this.n = n;
        this.mean = mean;
        this.components = components;
    }

    /** The top {@code k} components of rows(m, n). */
    static Pca fit(float[] rows, int m, int n, int k) {
        double[] mean = new double[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                mean[j] += rows[i * n + j] / (double) m;
            }
        }
        double[][] x = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                x[i][j] = rows[i * n + j] - mean[j];
            }
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        double[][] v = new double[k][n];
        for (double[] c : v) {
            for (int j = 0; j < n; j++) {
                c[j] = random.nextDouble() - 0.5;
            }
        }
        for (int iteration = 0; iteration < 300; iteration++) {
            double[][] next = new double[k][n];
            for (double[] row : x) {                  // next = Xᵀ X v
                for (int c = 0; c < k; c++) {
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        dot += row[j] * v[c][j];
                    }
                    for (int j = 0; j < n; j++) {
                        next[c][j] += dot * row[j];
                    }
                }
            }
            orthonormalize(next);
            v = next;
        }
        return new Pca(n, mean, v);
    }

    private static void orthonormalize(double[][] v) {
        for (int c = 0; c < v.length; c++) {
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int j = 0; j < v[c].length; j++) {
                    dot += v[c][j] * v[p][j];
                }
                for (int j = 0; j < v[c].length; j++) {
                    v[c][j] -= dot * v[p][j];
                }
            }
            double norm = 0;
            for (double e : v[c]) {
                norm += e * e;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < v[c].length; j++) {
                v[c][j] /= norm;
            }
        }
    }

    /** Mean squared error of row {@code i} of rows(·, n) against its projection onto the components. */
    double error(float[] rows, int i) {
        double[] centred = new double[n];
        for (int j = 0; j < n; j++) {
            centred[j] = rows[i * n + j] - mean[j];
        }
        double[] residual = centred.clone();
        for (double[] c : components) {
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += centred[j] * c[j];
            }
            for (int j = 0; j < n; j++) {
                residual[j] -= dot * c[j];
            }
        }
        double s = 0;
        for (double r : residual) {
            s += r * r;
        }
        return s / n;
    }
}
