package dev.hourglass.engine.kernel;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.toDouble;
import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GemmKernelTests {

    private static final int[] SIZES = {1, 7, 9, 33};
    private final GemmKernel scalar = new ScalarGemm();
    /** Both register tiles, whichever this machine's vectors pick: 8 rows (AVX-512) and 6 rows (AVX2). */
    private final GemmKernel[] tiles = {new VectorGemm(8), new VectorGemm(6)};

    /** c(m,n) (+)= op(a)·op(b) in double, from the stored layouts documented on {@link Transpose}. */
    private static double[] reference(Transpose op, int m, int n, int k, float[] a, float[] b, float[] c0,
                                      boolean accumulate) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c0[i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    double aip = op == Transpose.TN ? a[p * m + i] : a[i * k + p];
                    double bpj = op == Transpose.NT ? b[j * k + p] : b[p * n + j];
                    s += aip * bpj;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private void checkShape(Transpose op, int m, int n, int k, boolean accumulate) {
        checkShape(op, m, n, k, accumulate, 1e-5);
    }

    /** Vector equals scalar bit for bit; both within {@code tolerance} of the double reference. */
    private void checkShape(Transpose op, int m, int n, int k, boolean accumulate, double tolerance) {
        long seed = 31L * m + 17L * n + k;
        float[] a = uniform(seed, m * k, -1f, 1f);
        float[] b = uniform(seed + 1, k * n, -1f, 1f);
        float[] c0 = uniform(seed + 2, m * n, -1f, 1f);
        float[] cs = c0.clone();
        scalar.gemm(op, m, n, k, a, b, cs, accumulate, 0, m, 0, n, new float[scalar.scratchSize()]);
        String shape = op + " " + m + "x" + n + "x" + k + (accumulate ? " acc" : "");
        assertClose(reference(op, m, n, k, a, b, c0, accumulate), toDouble(cs), tolerance, tolerance, shape);
        for (GemmKernel tiled : tiles) {
            float[] cv = c0.clone();
            tiled.gemm(op, m, n, k, a, b, cv, accumulate, 0, m, 0, n, new float[tiled.scratchSize()]);
            assertArrayEquals(cs, cv, 0f, shape + " with " + tiled.rowTile() + "-row tiles");
        }
    }

    @Test
    void simdMatchesScalarBitForBitOnOddShapesForEveryLayout() {
        for (Transpose op : Transpose.values()) {
            for (int m : SIZES) {
                for (int n : SIZES) {
                    for (int k : SIZES) {
                        checkShape(op, m, n, k, false);
                        checkShape(op, m, n, k, true);
                    }
                }
            }
        }
    }

    @Test
    void deepAndWideProductsCrossKBlocksAndPanels() {
        for (Transpose op : Transpose.values()) {
            checkShape(op, 17, 70, 300, false);
            checkShape(op, 24, 100, 513, true);
            checkShape(op, 8, 64, 256, false);
            checkShape(op, 3, 129, 257, false);
            // every row count a full tile can leave over, for 6- and 8-row tiles: tiles of 4 and 2 rows and single rows
            for (int m = 10; m <= 17; m++) {
                checkShape(op, m, 40, 70, m % 2 == 0);
            }
        }
        // an NT operand deeper than the gather maps reach is packed by the scalar copy; float32 chains of 4,099
        // terms stray further from the double reference
        checkShape(Transpose.NT, 9, 70, VectorGemm.MAX_GATHER_K + 3, false, 1e-3);
        checkShape(Transpose.NT, 9, 70, VectorGemm.MAX_GATHER_K + 3, true, 1e-3);
    }

    @Test
    void splittingAcrossThreadsGivesIdenticalResults() {
        int[][] shapes = {{128, 256, 784}, {33, 9, 300}, {784, 64, 128}, {5, 784, 64}, {9, 20, 33}};
        try (ComputeContext two = ComputeContext.create(2); ComputeContext three = ComputeContext.create(3)) {
            for (Transpose op : Transpose.values()) {
                for (int[] s : shapes) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    float[] a = uniform(1, m * k, -1f, 1f);
                    float[] b = uniform(2, k * n, -1f, 1f);
                    float[] c1 = new float[m * n];
                    float[] c2 = new float[m * n];
                    float[] c3 = new float[m * n];
                    Kernels.gemm(ComputeContext.serial(), op, m, n, k, a, b, c1, false);
                    Kernels.gemm(two, op, m, n, k, a, b, c2, false);
                    Kernels.gemm(three, op, m, n, k, a, b, c3, false);
                    assertArrayEquals(c1, c2, 0f, op + " " + m + "x" + n + "x" + k + " on 2 threads");
                    assertArrayEquals(c1, c3, 0f, op + " " + m + "x" + n + "x" + k + " on 3 threads");
                }
            }
        }
    }

    @Test
    void theSimdKernelsAreSelectedWhenTheVectorModuleIsPresent() {
        assertTrue(Kernels.simd(), "tests run with --add-modules jdk.incubator.vector");
    }

    @Test
    void fusedEpiloguesEqualTheUnfusedSequenceOnOneAndTwoThreads() {
        int m = 37;
        int n = 101;
        int k = 45;
        float[] a = uniform(5, m * k, -1f, 1f);
        float[] b = uniform(6, k * n, -1f, 1f);
        float[] bias = uniform(7, n, -1f, 1f);
        float[] y = uniform(8, m * n, 0.01f, 0.99f);
        try (ComputeContext two = ComputeContext.create(2)) {
            for (ComputeContext ctx : new ComputeContext[] {ComputeContext.serial(), two}) {
                for (Nonlinearity f : Nonlinearity.values()) {
                    float[] expected = new float[m * n];
                    Kernels.gemm(ComputeContext.serial(), Transpose.NN, m, n, k, a, b, expected, false);
                    Kernels.biasActivateInPlace(ComputeContext.serial(), expected, m, n, bias, f);
                    float[] fused = new float[m * n];
                    Kernels.gemmBiasActivate(ctx, Transpose.NN, m, n, k, a, b, fused, bias, f);
                    assertArrayEquals(expected, fused, 0f, "bias+" + f + " on " + ctx.threads());

                    Kernels.gemm(ComputeContext.serial(), Transpose.NT, m, n, k, a, b, expected, false);
                    Kernels.activationBackwardInPlace(ComputeContext.serial(), expected, y, m * n, f);
                    Kernels.gemmActivationBackward(ctx, Transpose.NT, m, n, k, a, b, fused, y, f);
                    assertArrayEquals(expected, fused, 0f, "backward " + f + " on " + ctx.threads());
                }
                float[] c0 = uniform(9, m * n, -1f, 1f);
                float[] expected = c0.clone();
                float[] expectedSums = new float[n];
                Kernels.gemm(ComputeContext.serial(), Transpose.TN, m, n, k, a, b, expected, true);
                Kernels.columnSums(ComputeContext.serial(), b, k, n, expectedSums, false);
                float[] fused = c0.clone();
                float[] sums = uniform(10, n, -1f, 1f);
                Kernels.gemmWithColumnSums(ctx, Transpose.TN, m, n, k, a, b, fused, true, b, k, sums);
                assertArrayEquals(expected, fused, 0f, "TN on " + ctx.threads());
                assertArrayEquals(expectedSums, sums, 0f, "column sums on " + ctx.threads());
            }
        }
    }
}
