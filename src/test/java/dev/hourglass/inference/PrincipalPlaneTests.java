package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The projection of codes onto their first two principal components, against an independent PCA: the covariance
 * diagonalized whole by classical Jacobi (largest off-diagonal pivot first), its eigenvectors given the same sign
 * convention.
 */
class PrincipalPlaneTests {

    /** Rows of {@code width} columns: three latent factors of variances 9, 4 and 1 mixed at random, plus noise 0.1. */
    private static float[] factors(int count, int width, long seed) {
        Random random = new Random(seed);
        double[][] mix = new double[3][width];
        for (double[] row : mix) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextGaussian();
            }
        }
        float[] rows = new float[count * width];
        for (int i = 0; i < count; i++) {
            double[] z = {3 * random.nextGaussian(), 2 * random.nextGaussian(), random.nextGaussian()};
            for (int j = 0; j < width; j++) {
                rows[i * width + j] = (float) (5 + z[0] * mix[0][j] + z[1] * mix[1][j] + z[2] * mix[2][j]
                        + 0.1 * random.nextGaussian());
            }
        }
        return rows;
    }

    /** The reference: every eigenpair of the covariance by classical Jacobi, columns of {@code vectors}. */
    private record Reference(double[] values, double[][] vectors, double[] mean) {

        static Reference of(float[] rows, int count, int width) {
            double[] mean = new double[width];
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < width; j++) {
                    mean[j] += rows[i * width + j] / (double) count;
                }
            }
            double[][] a = new double[width][width];
            for (int i = 0; i < count; i++) {
                for (int j = 0; j < width; j++) {
                    for (int k = 0; k < width; k++) {
                        a[j][k] += (rows[i * width + j] - mean[j]) * (rows[i * width + k] - mean[k]) / count;
                    }
                }
            }
            double[][] v = new double[width][width];
            for (int j = 0; j < width; j++) {
                v[j][j] = 1;
            }
            double scale = 0;
            for (int j = 0; j < width; j++) {
                scale += Math.abs(a[j][j]);
            }
            for (int step = 0; step < 100_000; step++) {
                int p = 0;
                int q = 1;
                for (int j = 0; j < width; j++) {
                    for (int k = j + 1; k < width; k++) {
                        if (Math.abs(a[j][k]) > Math.abs(a[p][q])) {
                            p = j;
                            q = k;
                        }
                    }
                }
                if (Math.abs(a[p][q]) <= 1e-17 * scale) {
                    break;
                }
                double phi = 0.5 * Math.atan2(2 * a[p][q], a[q][q] - a[p][p]);
                double c = Math.cos(phi);
                double s = Math.sin(phi);
                for (int k = 0; k < width; k++) {   // A ← A R, then A ← Rᵀ A, with R the rotation in (p, q)
                    double akp = a[k][p];
                    double akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for (int k = 0; k < width; k++) {
                    double apk = a[p][k];
                    double aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for (int k = 0; k < width; k++) {
                    double vkp = v[k][p];
                    double vkq = v[k][q];
                    v[k][p] = c * vkp - s * vkq;
                    v[k][q] = s * vkp + c * vkq;
                }
            }
            double[] values = new double[width];
            for (int j = 0; j < width; j++) {
                values[j] = a[j][j];
            }
            return new Reference(values, v, mean);
        }

        /** The eigenvector of the k-th largest eigenvalue, its largest coefficient positive. */
        double[] component(int k) {
            Integer[] order = new Integer[values.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
            double[] u = new double[values.length];
            int largest = 0;
            for (int j = 0; j < u.length; j++) {
                u[j] = vectors[j][order[k]];
                largest = Math.abs(u[j]) > Math.abs(u[largest]) ? j : largest;
            }
            if (u[largest] < 0) {
                for (int j = 0; j < u.length; j++) {
                    u[j] = -u[j];
                }
            }
            return u;
        }

        double value(int k) {
            return java.util.Arrays.stream(values).boxed().sorted(java.util.Comparator.reverseOrder()).toList().get(k);
        }

        double total() {
            return java.util.Arrays.stream(values).sum();
        }
    }

    @Test
    void matchesAnIndependentPcaOfCorrelatedCodes() {
        int count = 500;
        int width = 12;
        float[] rows = factors(count, width, 17);

        PrincipalPlane plane = PrincipalPlane.of(rows, count, width);
        Reference reference = Reference.of(rows, count, width);

        for (int k = 0; k < 2; k++) {
            assertThat(plane.explainedVariance()[k]).as("component %d's share", k)
                    .isCloseTo(reference.value(k) / reference.total(), within(1e-10));
            double[] u = reference.component(k);
            for (int i = 0; i < count; i++) {
                double expected = 0;
                for (int j = 0; j < width; j++) {
                    expected += (rows[i * width + j] - reference.mean()[j]) * u[j];
                }
                assertThat(plane.points()[i][k]).as("row %d, component %d", i, k).isCloseTo(expected, within(1e-8));
            }
        }
        // three factors of variances 9, 4, 1 with random loadings: the first two hold most of the variance
        assertThat(plane.explainedVariance()[0] + plane.explainedVariance()[1]).isGreaterThan(0.8);
    }

    @Test
    void pointsAreUncorrelatedAndTheFirstComponentHoldsMoreVariance() {
        int count = 400;
        float[] rows = factors(count, 7, 23);

        double[][] points = PrincipalPlane.of(rows, count, 7).points();

        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            syy += p[1] * p[1];
            sxy += p[0] * p[1];
        }
        assertThat(sx / count).as("centered").isCloseTo(0, within(1e-9));
        assertThat(sy / count).isCloseTo(0, within(1e-9));
        assertThat(sxy / Math.sqrt(sxx * syy)).as("correlation of x and y").isCloseTo(0, within(1e-9));
        assertThat(sxx).isGreaterThan(syy);
    }

    @Test
    void theSameCodesGiveTheSameMap() {
        float[] rows = factors(300, 40, 5);

        PrincipalPlane first = PrincipalPlane.of(rows, 300, 40);
        PrincipalPlane again = PrincipalPlane.of(rows.clone(), 300, 40);

        assertThat(again.points()).isDeepEqualTo(first.points());
        assertThat(again.explainedVariance()).containsExactly(first.explainedVariance());
    }

    @Test
    void aCodeOfWidthOneIsItsCenteredValueOnTheXAxis() {
        // mean 3: x = −2, −1, 0, 3
        PrincipalPlane plane = PrincipalPlane.of(new float[] {1, 2, 3, 6}, 4, 1);

        assertThat(plane.points()).isDeepEqualTo(new double[][] {{-2, 0}, {-1, 0}, {0, 0}, {3, 0}});
        assertThat(plane.explainedVariance()).containsExactly(1.0, 0.0);
    }

    @Test
    void codesOnALineHaveNoSecondComponent() {
        // rows t · (1, −3, 2) + (4, 4, 4), t = 0 … 9: one direction, (1, −3, 2) / √14, whose largest entry is made
        // positive by flipping it: the component is (−1, 3, −2) / √14, and row t's x is −√14 (t − 4.5)
        int count = 10;
        float[] rows = new float[count * 3];
        for (int t = 0; t < count; t++) {
            rows[t * 3] = 4 + t;
            rows[t * 3 + 1] = 4 - 3 * t;
            rows[t * 3 + 2] = 4 + 2 * t;
        }

        PrincipalPlane plane = PrincipalPlane.of(rows, count, 3);

        for (int t = 0; t < count; t++) {
            assertThat(plane.points()[t][0]).isCloseTo(-Math.sqrt(14) * (t - 4.5), within(1e-9));
            assertThat(plane.points()[t][1]).isCloseTo(0, within(1e-9));
        }
        assertThat(plane.explainedVariance()[0]).isCloseTo(1, within(1e-12));
        assertThat(plane.explainedVariance()[1]).isCloseTo(0, within(1e-12));
    }

    @Test
    void identicalCodesHaveNoVarianceToExplain() {
        float[] rows = new float[5 * 6];
        java.util.Arrays.fill(rows, 0.25f);

        PrincipalPlane plane = PrincipalPlane.of(rows, 5, 6);

        for (double[] p : plane.points()) {
            assertThat(p).containsExactly(0, 0);
        }
        assertThat(plane.explainedVariance()).containsExactly(0, 0);
    }

    @Test
    void rowsAreSampledEvenlyInAscendingOrder() {
        // ⌊i · 10 / 4⌋ for i < 4
        assertThat(Projection.sample(10, 4)).containsExactly(0, 2, 5, 7);
        assertThat(Projection.sample(3, 2000)).containsExactly(0, 1, 2);
        assertThat(Projection.sample(50, 7)).containsExactly(0, 7, 14, 21, 28, 35, 42);
        int[] large = Projection.sample(1_000_000, 10_000);
        assertThat(large).hasSize(10_000);
        assertThat(large[9_999]).isEqualTo(999_900);
    }
}
