package dev.hourglass.inference;

import java.util.Random;

/**
 * Rows projected onto their first two principal components, in double precision. With X the rows centered on their
 * mean and C = XᵀX / n their covariance, the components are C's two leading unit eigenvectors v₁, v₂; row i's
 * point is (x_i·v₁, x_i·v₂), and component k's share of the variance is var(x·v_k) / tr(C) (0 when tr(C) is 0).
 *
 * <p>The eigenvectors come from subspace iteration on C with a block of up to four vectors and a Rayleigh–Ritz
 * step each round (the block's best approximations to C's leading eigenpairs, from the block's own p × p
 * eigenproblem, solved by cyclic Jacobi): the second component converges at the rate λ₅ / λ₂, and a block that spans
 * every dimension (codes of width ≤ 4) is exact at once. It stops when both residuals ‖C v − θ v‖ are within
 * {@value #TOLERANCE} of λ₁, or after {@value #MAX_ROUNDS} rounds. Each component's sign is fixed so that its
 * largest coefficient in absolute value (the first, of equal ones) is positive: the same rows give the same
 * points, whatever the start.
 *
 * @param points            per row, (x, y); y is 0 for rows of one column
 * @param explainedVariance each component's share of the rows' total variance
 */
record PrincipalPlane(double[][] points, double[] explainedVariance) {

    static final double TOLERANCE = 1e-12;
    static final int MAX_ROUNDS = 1000;
    private static final int BLOCK = 4;
    private static final long SEED = 0x5EED;

    /** rows(count, width), row-major; count ≥ 1, width ≥ 1. */
    static PrincipalPlane of(float[] rows, int count, int width) {
        double[] x = centered(rows, count, width);
        double[][] components = width == 1 ? new double[][] {{1}} : leading(covariance(x, count, width), 2);
        double[][] points = new double[count][2];
        double total = 0;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < width; j++) {
                total += x[i * width + j] * x[i * width + j];
            }
        }
        double[] variance = new double[2];
        for (int k = 0; k < components.length; k++) {
            fixSign(components[k]);
            for (int i = 0; i < count; i++) {
                double p = 0;
                for (int j = 0; j < width; j++) {
                    p += x[i * width + j] * components[k][j];
                }
                points[i][k] = p;
                variance[k] += p * p;
            }
        }
        // var(x·v) / tr(C), both sums over the same n rows: the n cancels
        double[] explained = total > 0 ? new double[] {variance[0] / total, variance[1] / total} : new double[2];
        return new PrincipalPlane(points, explained);
    }

    private static double[] centered(float[] rows, int count, int width) {
        double[] mean = new double[width];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < width; j++) {
                mean[j] += rows[i * width + j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= count;
        }
        double[] x = new double[count * width];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < width; j++) {
                x[i * width + j] = rows[i * width + j] - mean[j];
            }
        }
        return x;
    }

    /** C(width, width) = XᵀX / n, row-major; the upper triangle summed, then mirrored. */
    private static double[] covariance(double[] x, int count, int width) {
        double[] c = new double[width * width];
        for (int i = 0; i < count; i++) {
            int row = i * width;
            for (int j = 0; j < width; j++) {
                double xj = x[row + j];
                if (xj == 0) {
                    continue;
                }
                int cj = j * width;
                for (int k = j; k < width; k++) {
                    c[cj + k] += xj * x[row + k];
                }
            }
        }
        for (int j = 0; j < width; j++) {
            for (int k = j; k < width; k++) {
                c[j * width + k] /= count;
                c[k * width + j] = c[j * width + k];
            }
        }
        return c;
    }

    /** The {@code wanted} leading unit eigenvectors of the symmetric c(n, n), largest eigenvalue first. */
    static double[][] leading(double[] c, int wanted) {
        int n = (int) Math.round(Math.sqrt(c.length));
        int p = Math.min(n, Math.max(BLOCK, wanted));
        Random random = new Random(SEED);
        double[][] v = new double[p][n];   // the block's vectors, each of length n
        for (double[] column : v) {
            for (int j = 0; j < n; j++) {
                column[j] = random.nextGaussian();
            }
        }
        orthonormalize(v, random);
        double[][] cv = new double[p][n];
        double[] theta = new double[p];
        for (int round = 0; round < MAX_ROUNDS; round++) {
            for (int a = 0; a < p; a++) {
                multiply(c, v[a], cv[a]);
            }
            // Rayleigh–Ritz: T = Vᵀ C V, T = Q Θ Qᵀ; V ← V Q, C V ← (C V) Q
            double[][] t = new double[p][p];
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    t[a][b] = (dot(v[a], cv[b]) + dot(v[b], cv[a])) / 2;
                    t[b][a] = t[a][b];
                }
            }
            double[][] q = jacobi(t, theta);
            v = rotate(v, q);
            cv = rotate(cv, q);
            double scale = Math.abs(theta[0]);
            boolean converged = true;
            for (int a = 0; a < wanted; a++) {
                double residual = 0;
                for (int j = 0; j < n; j++) {
                    double r = cv[a][j] - theta[a] * v[a][j];
                    residual += r * r;
                }
                converged &= Math.sqrt(residual) <= TOLERANCE * scale;
            }
            if (converged || p == n) {
                break;   // a block that spans the space is exact after one Rayleigh–Ritz step
            }
            for (int a = 0; a < p; a++) {
                System.arraycopy(cv[a], 0, v[a], 0, n);
            }
            orthonormalize(v, random);
        }
        double[][] out = new double[wanted][];
        for (int a = 0; a < wanted; a++) {
            out[a] = v[a].clone();
        }
        return out;
    }

    /** y = c x for the symmetric c(n, n). */
    private static void multiply(double[] c, double[] x, double[] y) {
        int n = x.length;
        for (int j = 0; j < n; j++) {
            double s = 0;
            int row = j * n;
            for (int k = 0; k < n; k++) {
                s += c[row + k] * x[k];
            }
            y[j] = s;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** out[a] = Σ_b v[b] q[b][a]: the block's vectors combined by q's columns. */
    private static double[][] rotate(double[][] v, double[][] q) {
        int p = v.length;
        int n = v[0].length;
        double[][] out = new double[p][n];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double w = q[b][a];
                for (int j = 0; j < n; j++) {
                    out[a][j] += w * v[b][j];
                }
            }
        }
        return out;
    }

    /**
     * Modified Gram–Schmidt, twice for accuracy; a vector that collapses (C has lower rank than the block) is
     * replaced by a fresh random one, so the block keeps spanning p dimensions.
     */
    private static void orthonormalize(double[][] v, Random random) {
        for (int a = 0; a < v.length; a++) {
            double before = Math.sqrt(dot(v[a], v[a]));
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < a; b++) {
                    double d = dot(v[a], v[b]);
                    for (int j = 0; j < v[a].length; j++) {
                        v[a][j] -= d * v[b][j];
                    }
                }
            }
            double norm = Math.sqrt(dot(v[a], v[a]));
            if (!(norm > 1e-10 * before)) {
                for (int j = 0; j < v[a].length; j++) {
                    v[a][j] = random.nextGaussian();
                }
                a--;   // orthogonalize the replacement
                continue;
            }
            for (int j = 0; j < v[a].length; j++) {
                v[a][j] /= norm;
            }
        }
    }

    /**
     * Eigen-decomposition of the small symmetric t by cyclic Jacobi rotations: the eigenvalues into {@code theta},
     * largest first, and the eigenvectors as the columns of the returned q in the same order.
     */
    static double[][] jacobi(double[][] t, double[] theta) {
        int p = t.length;
        double[][] a = new double[p][];
        for (int i = 0; i < p; i++) {
            a[i] = t[i].clone();
        }
        double[][] q = new double[p][p];
        for (int i = 0; i < p; i++) {
            q[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double all = 0;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    all += a[i][j] * a[i][j];
                    off += j > i ? a[i][j] * a[i][j] : 0;
                }
            }
            if (off <= 1e-32 * all) {
                break;   // the off-diagonal is below double precision's resolution of the matrix (or it is 0)
            }
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    if (a[i][j] == 0) {
                        continue;
                    }
                    // the rotation that zeroes a[i][j]: tan 2φ = 2 a_ij / (a_jj − a_ii)
                    double tau = (a[j][j] - a[i][i]) / (2 * a[i][j]);
                    double tan = Math.signum(tau == 0 ? 1 : tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
                    double cos = 1 / Math.sqrt(1 + tan * tan);
                    double sin = tan * cos;
                    for (int k = 0; k < p; k++) {
                        double aki = a[k][i];
                        double akj = a[k][j];
                        a[k][i] = cos * aki - sin * akj;
                        a[k][j] = sin * aki + cos * akj;
                    }
                    for (int k = 0; k < p; k++) {
                        double aik = a[i][k];
                        double ajk = a[j][k];
                        a[i][k] = cos * aik - sin * ajk;
                        a[j][k] = sin * aik + cos * ajk;
                    }
                    for (int k = 0; k < p; k++) {
                        double qki = q[k][i];
                        double qkj = q[k][j];
                        q[k][i] = cos * qki - sin * qkj;
                        q[k][j] = sin * qki + cos * qkj;
                    }
                }
            }
        }
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[][] sorted = new double[p][p];
        for (int c = 0; c < p; c++) {
            theta[c] = a[order[c]][order[c]];
            for (int r = 0; r < p; r++) {
                sorted[r][c] = q[r][order[c]];
            }
        }
        return sorted;
    }

    /** Makes the largest coefficient in absolute value (the first of equal ones) positive. */
    private static void fixSign(double[] v) {
        int largest = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest])) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }
}
