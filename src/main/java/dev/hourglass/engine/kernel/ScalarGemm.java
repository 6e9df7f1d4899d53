package dev.hourglass.engine.kernel;

import java.util.Arrays;

/** Reference GEMM: plain loops, {@link Math#fma} over k in order (bit-identical to the SIMD one). */
final class ScalarGemm implements GemmKernel {

    @Override
    public String plan() {
        return "scalar";
    }

    @Override
    public int panelWidth() {
        return 64;   // thread units of 64 columns keep the i-p-j loops streaming
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
                    // c(i, j) += a(i, p) · b(j, p), p ascending; four columns at a time so that
                    // four independent fma chains hide the latency of each
                    int ai = i * k;
                    int j = colFrom;
                    for (; j + 4 <= colTo; j += 4) {
                        float s0 = c[ci + j];
                        float s1 = c[ci + j + 1];
                        float s2 = c[ci + j + 2];
                        float s3 = c[ci + j + 3];
                        int b0 = j * k;
                        for (int p = 0; p < k; p++) {
                            float aip = a[ai + p];
                            s0 = Math.fma(aip, b[b0 + p], s0);
                            s1 = Math.fma(aip, b[b0 + k + p], s1);
                            s2 = Math.fma(aip, b[b0 + 2 * k + p], s2);
                            s3 = Math.fma(aip, b[b0 + 3 * k + p], s3);
                        }
                        c[ci + j] = s0;
                        c[ci + j + 1] = s1;
                        c[ci + j + 2] = s2;
                        c[ci + j + 3] = s3;
                    }
                    for (; j < colTo; j++) {
                        float s = c[ci + j];
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
