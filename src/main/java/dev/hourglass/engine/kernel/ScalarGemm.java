package dev.hourglass.engine.kernel;

import java.util.Arrays;

/** Reference GEMM: plain loops, {@link Math#fma} over k in order (bit-identical to the SIMD one). */
final class ScalarGemm implements GemmKernel {

    @Override
    public int panelWidth() {
        return 1;
    }

    @Override
    public int rowTile() {
        return 1;
    }

    @Override
    public int scratchSize() {
        return 0;
    }

    @Override
    public void gemm(Transpose op, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate,
                     int rowFrom, int rowTo, int colFrom, int colTo, float[] scratch) {
        for (int i = rowFrom; i < rowTo; i++) {
            int ci = i * n;
            if (!accumulate) {
                Arrays.fill(c, ci + colFrom, ci + colTo, 0f);
            }
            switch (op) {
                case NN -> {
                    // c(i, j) += a(i, p) · b(p, j), p ascending
                    for (int p = 0; p < k; p++) {
                        float aip = a[i * k + p];
                        int bp = p * n;
                        for (int j = colFrom; j < colTo; j++) {
                            c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
                        }
                    }
                }
                case TN -> {
                    // c(i, j) += a(p, i) · b(p, j), p ascending
                    for (int p = 0; p < k; p++) {
                        float api = a[p * m + i];
                        int bp = p * n;
                        for (int j = colFrom; j < colTo; j++) {
                            c[ci + j] = Math.fma(api, b[bp + j], c[ci + j]);
                        }
                    }
                }
                case NT -> {
                    // c(i, j) += a(i, p) · b(j, p), p ascending
                    for (int j = colFrom; j < colTo; j++) {
                        float s = c[ci + j];
                        int ai = i * k;
                        int bj = j * k;
                        for (int p = 0; p < k; p++) {
                            s = Math.fma(a[ai + p], b[bj + p], s);
                        }
                        c[ci + j] = s;
                    }
                }
            }
        }
    }
}
