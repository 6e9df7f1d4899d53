package dev.hourglass.engine.kernel;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD GEMM on the Vector API. B is packed per k-block (at most {@link #KC} deep) into panels of
 * two vectors' width, zero-padded; an NT operand's panels are transposes, made in registers in
 * 16×16 blocks with 512-bit vectors and 8×8 blocks with 256-bit ones, else with gathers. A is read
 * in place through a row stride and a k stride, which serves NN, NT and TN alike. Products that do
 * not accumulate start their accumulators from +0 rather than clearing c first. A register tile of
 * {@link #MR} rows (sized to the register file) does the bulk; leftover rows take tiles of 4, 2 and
 * 1 rows; a ragged last panel goes through a scratch tile. Each tile shape is its own method written
 * out by hand, its accumulators named locals: that is what keeps them in registers. Small-m NN
 * products (inference) skip packing and stream B directly. Every element is an fma chain over k
 * in order (see {@link GemmKernel}), so results match {@link ScalarGemm} bit for bit.
 */
final class VectorGemm implements GemmKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Panel width: two vectors. */
    private static final int P = 2 * L;
    /**
     * Rows per register tile, chosen by the register file: 8 rows (16 accumulators) where vectors are 512 bits
     * wide (AVX-512 has 32 registers), 6 rows (12 accumulators, 2 panel vectors and a broadcast: 15) where
     * they are narrower (AVX2 has 16; 8 rows there spill).
     */
    static final int MR = L >= 16 ? 8 : 6;
    /** Deepest k-block: a packed panel is KC·P floats (32 KiB with 512-bit vectors). */
    static final int KC = 256;
    /** Offset of the ragged-edge tile inside the scratch buffer. */
    private static final int TILE = KC * P;

    /** This kernel's rows per full register tile: {@link #MR}, or 6 or 8 chosen (tests run both anywhere). */
    private final int mr;

    VectorGemm() {
        this(MR);
    }

    VectorGemm(int rowTile) {
        if (rowTile != 6 && rowTile != 8) {
            throw new IllegalArgumentException("a register tile has 6 or 8 rows, not " + rowTile);
        }
        this.mr = rowTile;
    }

    @Override
    public int panelWidth() {
        return P;
    }

    @Override
    public int rowTile() {
        return mr;
    }

    @Override
    public String plan() {
        return S.vectorBitSize() + "-bit vectors, " + mr + "x" + P + " register tile, NT panels by "
                + (L == 16 ? "16x16 transposes" : L == 8 ? "8x8 transposes" : "gathers");
    }

    @Override
    public int scratchSize() {
        return KC * P + mr * P;
    }

    @Override
    public void gemm(Transpose op, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate,
                     int rowFrom, int rowTo, int colFrom, int colTo, float[] scratch) {
        if (rowFrom >= rowTo || colFrom >= colTo) {
            return;
        }
        if (!accumulate && (k == 0 || op == Transpose.NN && rowTo - rowFrom < mr)) {
            for (int i = rowFrom; i < rowTo; i++) {
                Arrays.fill(c, i * n + colFrom, i * n + colTo, 0f);
            }
        }
        if (k == 0) {
            return;
        }
        if (op == Transpose.NN && rowTo - rowFrom < mr) {
            streamRows(m, n, k, a, b, c, rowFrom, rowTo, colFrom, colTo);
            return;
        }
        int rs = op == Transpose.TN ? 1 : k;
        int ks = op == Transpose.TN ? m : 1;
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            // the first k-block of a product that does not accumulate starts its chains from +0, not from c
            boolean fresh = !accumulate && k0 == 0;
            for (int j0 = colFrom; j0 < colTo; j0 += P) {
                int w = Math.min(P, colTo - j0);
                pack(op, b, n, k, k0, kc, j0, w, scratch);
                for (int i = rowFrom, rows; i < rowTo; i += rows) {
                    rows = rowsAt(rowTo - i);
                    int ai = i * rs + k0 * ks;
                    if (w == P) {
                        block(rows, a, ai, rs, ks, scratch, kc, c, i * n + j0, n, fresh);
                    } else {
                        if (!fresh) {
                            copyBlock(c, i * n + j0, n, scratch, TILE, P, rows, w);
                        }
                        block(rows, a, ai, rs, ks, scratch, kc, scratch, TILE, P, fresh);
                        copyBlock(scratch, TILE, P, c, i * n + j0, n, rows, w);
                    }
                }
            }
        }
    }

    /** How many rows the next register tile takes when {@code left} rows remain: a full tile, else 4, 2 or 1. */
    private int rowsAt(int left) {
        return left >= mr ? mr : left >= 4 ? 4 : left >= 2 ? 2 : 1;
    }

    private static void block(int rows, float[] a, int ai, int rs, int ks, float[] bp, int kc, float[] c, int co,
                              int ldc, boolean fresh) {
        switch (rows) {
            case 8 -> tile(a, ai, rs, ks, bp, kc, c, co, ldc, fresh);
            // NN and NT read a with k stride 1, TN with row stride 1
            case 6 -> {
                if (ks == 1) {
                    tile6(a, ai, rs, bp, kc, c, co, ldc, fresh);
                } else {
                    tile6Adjacent(a, ai, ks, bp, kc, c, co, ldc, fresh);
                }
            }
            case 4 -> tile4(a, ai, rs, ks, bp, kc, c, co, ldc, fresh);
            case 2 -> tile2(a, ai, rs, ks, bp, kc, c, co, ldc, fresh);
            default -> row(a, ai, ks, bp, kc, c, co, fresh);
        }
    }

    /** Lane c takes lane c − h (wrapping; the wrapped lanes are blended away). */
    private static final VectorShuffle<Float> DOWN_1 = shift(-1), DOWN_2 = shift(-2), DOWN_4 = shift(-4), DOWN_8 = shift(-8);
    /** Lane c takes lane c + h (wrapping). */
    private static final VectorShuffle<Float> UP_1 = shift(1), UP_2 = shift(2), UP_4 = shift(4), UP_8 = shift(8);
    /** The lanes whose index has bit h set. */
    private static final VectorMask<Float> HIGH_1 = bit(1), HIGH_2 = bit(2), HIGH_4 = bit(4), HIGH_8 = bit(8);

    private static VectorShuffle<Float> shift(int by) {
        return VectorShuffle.fromOp(S, c -> (c + by) & (L - 1));
    }

    private static VectorMask<Float> bit(int h) {
        long bits = 0;
        for (int c = 0; c < L; c++) {
            bits |= (c & h) != 0 ? 1L << c : 0;
        }
        return VectorMask.fromLong(S, bits);
    }

    /**
     * NT panel rows the in-register transposes leave (all of them for vectors of other widths) are gathered in products
     * at most this deep, copied one by one in deeper ones.
     */
    static final int MAX_GATHER_K = 1 << 12;
    /** Per depth k: the offsets {@code jj·k} of a panel's rows in an NT operand, made on first use. */
    private static final AtomicReferenceArray<int[]> GATHER_MAPS = new AtomicReferenceArray<>(MAX_GATHER_K + 1);

    private static int[] gatherMap(int k) {
        int[] map = GATHER_MAPS.get(k);
        if (map == null) {
            map = new int[P];
            for (int jj = 0; jj < P; jj++) {
                map[jj] = jj * k;
            }
            GATHER_MAPS.set(k, map);
        }
        return map;
    }

    /** dst(p, jj) = op(b)(k0 + p, j0 + jj) for p < kc, jj < w; zero for w ≤ jj < P. */
    private static void pack(Transpose op, float[] b, int n, int k, int k0, int kc, int j0, int w, float[] dst) {
        if (op != Transpose.NT) {
            if (w == P) {
                for (int p = 0, src = k0 * n + j0, d = 0; p < kc; p++, src += n, d += P) {
                    FloatVector.fromArray(S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, (k0 + p) * n + j0, dst, p * P, w);
                }
            }
        } else {
            // b is (n, k): column jj of the panel is a contiguous run of row j0 + jj, so the panel is a transpose
            int p = 0;
            if (w == P) {
                if (L == 16) {
                    for (; p + L <= kc; p += L) {
                        transpose16(b, j0 * k + k0 + p, k, dst, p * P);
                        transpose16(b, (j0 + L) * k + k0 + p, k, dst, p * P + L);
                    }
                } else if (L == 8) {
                    for (; p + L <= kc; p += L) {
                        transpose8(b, j0 * k + k0 + p, k, dst, p * P);
                        transpose8(b, (j0 + L) * k + k0 + p, k, dst, p * P + L);
                    }
                }
                if (k <= MAX_GATHER_K) {
                    // row p of the panel gathers element k0 + p of rows j0 … j0 + P − 1
                    int[] map = gatherMap(k);
                    for (; p < kc; p++) {
                        FloatVector.fromArray(S, b, j0 * k + k0 + p, map, 0).intoArray(dst, p * P);
                        FloatVector.fromArray(S, b, j0 * k + k0 + p, map, L).intoArray(dst, p * P + L);
                    }
                }
            }
            // what is left (a ragged panel, rows beyond the gather maps' reach): a scalar transposing copy
            for (int jj = 0; jj < w; jj++) {
                for (int q = p, src = (j0 + jj) * k + k0; q < kc; q++) {
                    dst[q * P + jj] = b[src + q];
                }
            }
        }
        if (w < P) {
            for (int p = 0; p < kc; p++) {
                Arrays.fill(dst, p * P + w, p * P + P, 0f);
            }
        }
    }

    /**
     * dst(p, t) = b[src + t·k + p] for p, t < 16, dst(p, ·) at {@code dst[d + p·P]}: a 16×16 block of an NT
     * operand transposed in registers. Four butterfly stages; stage h swaps the off-diagonal h×h blocks of
     * rows i and i + h (lanes with bit h set come from the partner, shifted by h lanes).
     */
    private static void transpose16(float[] b, int src, int k, float[] dst, int d) {
        FloatVector r0 = FloatVector.fromArray(S, b, src);
        FloatVector r1 = FloatVector.fromArray(S, b, src + k);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * k);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * k);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * k);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * k);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * k);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * k);
        FloatVector r8 = FloatVector.fromArray(S, b, src + 8 * k);
        FloatVector r9 = FloatVector.fromArray(S, b, src + 9 * k);
        FloatVector r10 = FloatVector.fromArray(S, b, src + 10 * k);
        FloatVector r11 = FloatVector.fromArray(S, b, src + 11 * k);
        FloatVector r12 = FloatVector.fromArray(S, b, src + 12 * k);
        FloatVector r13 = FloatVector.fromArray(S, b, src + 13 * k);
        FloatVector r14 = FloatVector.fromArray(S, b, src + 14 * k);
        FloatVector r15 = FloatVector.fromArray(S, b, src + 15 * k);
        FloatVector x;
        x = r0.blend(r8.rearrange(DOWN_8), HIGH_8);
        r8 = r0.rearrange(UP_8).blend(r8, HIGH_8);
        r0 = x;
        x = r1.blend(r9.rearrange(DOWN_8), HIGH_8);
        r9 = r1.rearrange(UP_8).blend(r9, HIGH_8);
        r1 = x;
        x = r2.blend(r10.rearrange(DOWN_8), HIGH_8);
        r10 = r2.rearrange(UP_8).blend(r10, HIGH_8);
        r2 = x;
        x = r3.blend(r11.rearrange(DOWN_8), HIGH_8);
        r11 = r3.rearrange(UP_8).blend(r11, HIGH_8);
        r3 = x;
        x = r4.blend(r12.rearrange(DOWN_8), HIGH_8);
        r12 = r4.rearrange(UP_8).blend(r12, HIGH_8);
        r4 = x;
        x = r5.blend(r13.rearrange(DOWN_8), HIGH_8);
        r13 = r5.rearrange(UP_8).blend(r13, HIGH_8);
        r5 = x;
        x = r6.blend(r14.rearrange(DOWN_8), HIGH_8);
        r14 = r6.rearrange(UP_8).blend(r14, HIGH_8);
        r6 = x;
        x = r7.blend(r15.rearrange(DOWN_8), HIGH_8);
        r15 = r7.rearrange(UP_8).blend(r15, HIGH_8);
        r7 = x;
        x = r0.blend(r4.rearrange(DOWN_4), HIGH_4);
        r4 = r0.rearrange(UP_4).blend(r4, HIGH_4);
        r0 = x;
        x = r1.blend(r5.rearrange(DOWN_4), HIGH_4);
        r5 = r1.rearrange(UP_4).blend(r5, HIGH_4);
        r1 = x;
        x = r2.blend(r6.rearrange(DOWN_4), HIGH_4);
        r6 = r2.rearrange(UP_4).blend(r6, HIGH_4);
        r2 = x;
        x = r3.blend(r7.rearrange(DOWN_4), HIGH_4);
        r7 = r3.rearrange(UP_4).blend(r7, HIGH_4);
        r3 = x;
        x = r8.blend(r12.rearrange(DOWN_4), HIGH_4);
        r12 = r8.rearrange(UP_4).blend(r12, HIGH_4);
        r8 = x;
        x = r9.blend(r13.rearrange(DOWN_4), HIGH_4);
        r13 = r9.rearrange(UP_4).blend(r13, HIGH_4);
        r9 = x;
        x = r10.blend(r14.rearrange(DOWN_4), HIGH_4);
        r14 = r10.rearrange(UP_4).blend(r14, HIGH_4);
        r10 = x;
        x = r11.blend(r15.rearrange(DOWN_4), HIGH_4);
        r15 = r11.rearrange(UP_4).blend(r15, HIGH_4);
        r11 = x;
        x = r0.blend(r2.rearrange(DOWN_2), HIGH_2);
        r2 = r0.rearrange(UP_2).blend(r2, HIGH_2);
        r0 = x;
        x = r1.blend(r3.rearrange(DOWN_2), HIGH_2);
        r3 = r1.rearrange(UP_2).blend(r3, HIGH_2);
        r1 = x;
        x = r4.blend(r6.rearrange(DOWN_2), HIGH_2);
        r6 = r4.rearrange(UP_2).blend(r6, HIGH_2);
        r4 = x;
        x = r5.blend(r7.rearrange(DOWN_2), HIGH_2);
        r7 = r5.rearrange(UP_2).blend(r7, HIGH_2);
        r5 = x;
        x = r8.blend(r10.rearrange(DOWN_2), HIGH_2);
        r10 = r8.rearrange(UP_2).blend(r10, HIGH_2);
        r8 = x;
        x = r9.blend(r11.rearrange(DOWN_2), HIGH_2);
        r11 = r9.rearrange(UP_2).blend(r11, HIGH_2);
        r9 = x;
        x = r12.blend(r14.rearrange(DOWN_2), HIGH_2);
        r14 = r12.rearrange(UP_2).blend(r14, HIGH_2);
        r12 = x;
        x = r13.blend(r15.rearrange(DOWN_2), HIGH_2);
        r15 = r13.rearrange(UP_2).blend(r15, HIGH_2);
        r13 = x;
        x = r0.blend(r1.rearrange(DOWN_1), HIGH_1);
        r1 = r0.rearrange(UP_1).blend(r1, HIGH_1);
        r0 = x;
        x = r2.blend(r3.rearrange(DOWN_1), HIGH_1);
        r3 = r2.rearrange(UP_1).blend(r3, HIGH_1);
        r2 = x;
        x = r4.blend(r5.rearrange(DOWN_1), HIGH_1);
        r5 = r4.rearrange(UP_1).blend(r5, HIGH_1);
        r4 = x;
        x = r6.blend(r7.rearrange(DOWN_1), HIGH_1);
        r7 = r6.rearrange(UP_1).blend(r7, HIGH_1);
        r6 = x;
        x = r8.blend(r9.rearrange(DOWN_1), HIGH_1);
        r9 = r8.rearrange(UP_1).blend(r9, HIGH_1);
        r8 = x;
        x = r10.blend(r11.rearrange(DOWN_1), HIGH_1);
        r11 = r10.rearrange(UP_1).blend(r11, HIGH_1);
        r10 = x;
        x = r12.blend(r13.rearrange(DOWN_1), HIGH_1);
        r13 = r12.rearrange(UP_1).blend(r13, HIGH_1);
        r12 = x;
        x = r14.blend(r15.rearrange(DOWN_1), HIGH_1);
        r15 = r14.rearrange(UP_1).blend(r15, HIGH_1);
        r14 = x;
        r0.intoArray(dst, d);
        r1.intoArray(dst, d + P);
        r2.intoArray(dst, d + 2 * P);
        r3.intoArray(dst, d + 3 * P);
        r4.intoArray(dst, d + 4 * P);
        r5.intoArray(dst, d + 5 * P);
        r6.intoArray(dst, d + 6 * P);
        r7.intoArray(dst, d + 7 * P);
        r8.intoArray(dst, d + 8 * P);
        r9.intoArray(dst, d + 9 * P);
        r10.intoArray(dst, d + 10 * P);
        r11.intoArray(dst, d + 11 * P);
        r12.intoArray(dst, d + 12 * P);
        r13.intoArray(dst, d + 13 * P);
        r14.intoArray(dst, d + 14 * P);
        r15.intoArray(dst, d + 15 * P);
    }

    /** {@link #transpose16} for 8×8 blocks with 256-bit vectors: three butterfly stages. */
    private static void transpose8(float[] b, int src, int k, float[] dst, int d) {
        FloatVector r0 = FloatVector.fromArray(S, b, src);
        FloatVector r1 = FloatVector.fromArray(S, b, src + k);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * k);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * k);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * k);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * k);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * k);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * k);
        FloatVector x;
        x = r0.blend(r4.rearrange(DOWN_4), HIGH_4);
        r4 = r0.rearrange(UP_4).blend(r4, HIGH_4);
        r0 = x;
        x = r1.blend(r5.rearrange(DOWN_4), HIGH_4);
        r5 = r1.rearrange(UP_4).blend(r5, HIGH_4);
        r1 = x;
        x = r2.blend(r6.rearrange(DOWN_4), HIGH_4);
        r6 = r2.rearrange(UP_4).blend(r6, HIGH_4);
        r2 = x;
        x = r3.blend(r7.rearrange(DOWN_4), HIGH_4);
        r7 = r3.rearrange(UP_4).blend(r7, HIGH_4);
        r3 = x;
        x = r0.blend(r2.rearrange(DOWN_2), HIGH_2);
        r2 = r0.rearrange(UP_2).blend(r2, HIGH_2);
        r0 = x;
        x = r1.blend(r3.rearrange(DOWN_2), HIGH_2);
        r3 = r1.rearrange(UP_2).blend(r3, HIGH_2);
        r1 = x;
        x = r4.blend(r6.rearrange(DOWN_2), HIGH_2);
        r6 = r4.rearrange(UP_2).blend(r6, HIGH_2);
        r4 = x;
        x = r5.blend(r7.rearrange(DOWN_2), HIGH_2);
        r7 = r5.rearrange(UP_2).blend(r7, HIGH_2);
        r5 = x;
        x = r0.blend(r1.rearrange(DOWN_1), HIGH_1);
        r1 = r0.rearrange(UP_1).blend(r1, HIGH_1);
        r0 = x;
        x = r2.blend(r3.rearrange(DOWN_1), HIGH_1);
        r3 = r2.rearrange(UP_1).blend(r3, HIGH_1);
        r2 = x;
        x = r4.blend(r5.rearrange(DOWN_1), HIGH_1);
        r5 = r4.rearrange(UP_1).blend(r5, HIGH_1);
        r4 = x;
        x = r6.blend(r7.rearrange(DOWN_1), HIGH_1);
        r7 = r6.rearrange(UP_1).blend(r7, HIGH_1);
        r6 = x;
        r0.intoArray(dst, d);
        r1.intoArray(dst, d + P);
        r2.intoArray(dst, d + 2 * P);
        r3.intoArray(dst, d + 3 * P);
        r4.intoArray(dst, d + 4 * P);
        r5.intoArray(dst, d + 5 * P);
        r6.intoArray(dst, d + 6 * P);
        r7.intoArray(dst, d + 7 * P);
    }

    private static void copyBlock(float[] src, int so, int lds, float[] dst, int d0, int ldd, int rows, int w) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, so + r * lds, dst, d0 + r * ldd, w);
        }
    }

    /** An accumulator's first value: +0 for a fresh chain, else what c holds. */
    private static FloatVector start(float[] c, int offset, boolean fresh) {
        return fresh ? FloatVector.zero(S) : FloatVector.fromArray(S, c, offset);
    }

    /** One row: c(1, 2 vectors) += a(1, kc) · bp(kc, 2 vectors); a(p) at {@code a[ai + p·ks]}. */
    private static void row(float[] a, int ai, int ks, float[] bp, int kc, float[] c, int co, boolean fresh) {
        FloatVector x0 = start(c, co, fresh);
        FloatVector x1 = start(c, co + L, fresh);
        for (int p = 0, bi = 0; p < kc; p++, bi += P, ai += ks) {
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            x0 = av.fma(FloatVector.fromArray(S, bp, bi), x0);
            x1 = av.fma(FloatVector.fromArray(S, bp, bi + L), x1);
        }
        x0.intoArray(c, co);
        x1.intoArray(c, co + L);
    }

    /**
     * NN without packing, for few rows: c(i, j..) += Σ_p a(i, p) · b(p, j..), streaming rows of b.
     * Four vectors of columns at a time for independent fma chains; scalar fma for the tail.
     */
    private static void streamRows(int m, int n, int k, float[] a, float[] b, float[] c,
                                   int rowFrom, int rowTo, int colFrom, int colTo) {
        for (int i = rowFrom; i < rowTo; i++) {
            int ci = i * n;
            int ai = i * k;
            int j = colFrom;
            for (; j + 4 * L <= colTo; j += 4 * L) {
                streamFour(k, n, a, ai, b, j, c, ci + j);
            }
            for (; j + L <= colTo; j += L) {
                FloatVector x = FloatVector.fromArray(S, c, ci + j);
                for (int p = 0, bo = j; p < k; p++, bo += n) {
                    x = FloatVector.broadcast(S, a[ai + p]).fma(FloatVector.fromArray(S, b, bo), x);
                }
                x.intoArray(c, ci + j);
            }
            for (; j < colTo; j++) {
                float s = c[ci + j];
                for (int p = 0, bo = j; p < k; p++, bo += n) {
                    s = Math.fma(a[ai + p], b[bo], s);
                }
                c[ci + j] = s;
            }
        }
    }

    // c(1, 4 vectors) += a(1, k) · b(k, 4 vectors at column j)
    private static void streamFour(int k, int n, float[] a, int ai, float[] b, int j, float[] c, int co) {
        FloatVector x0 = FloatVector.fromArray(S, c, co);
        FloatVector x1 = FloatVector.fromArray(S, c, co + L);
        FloatVector x2 = FloatVector.fromArray(S, c, co + 2 * L);
        FloatVector x3 = FloatVector.fromArray(S, c, co + 3 * L);
        for (int p = 0, bo = j; p < k; p++, bo += n) {
            FloatVector av = FloatVector.broadcast(S, a[ai + p]);
            x0 = av.fma(FloatVector.fromArray(S, b, bo), x0);
            x1 = av.fma(FloatVector.fromArray(S, b, bo + L), x1);
            x2 = av.fma(FloatVector.fromArray(S, b, bo + 2 * L), x2);
            x3 = av.fma(FloatVector.fromArray(S, b, bo + 3 * L), x3);
        }
        x0.intoArray(c, co);
        x1.intoArray(c, co + L);
        x2.intoArray(c, co + 2 * L);
        x3.intoArray(c, co + 3 * L);
    }

    /**
     * The register tile: c(8 rows, 2 vectors) += a(8 rows, kc) · bp(kc, 2 vectors), 16 accumulators
     * started from c (or from +0 when fresh) and stored once. Row r of a at {@code a[ai + r·rs + p·ks]}; bp is a packed
     * panel (row p at {@code bp[p·P]}). Kept small so that C2 compiles it with the Vector API inlined.
     */
    private static void tile(float[] a, int ai, int rs, int ks, float[] bp, int kc, float[] c, int co, int ldc,
                             boolean fresh) {
        int o0 = co, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
        int r1 = rs, r2 = r1 + rs, r3 = r2 + rs, r4 = r3 + rs, r5 = r4 + rs, r6 = r5 + rs, r7 = r6 + rs;
        FloatVector x00 = start(c, o0, fresh), x01 = start(c, o0 + L, fresh);
        FloatVector x10 = start(c, o1, fresh), x11 = start(c, o1 + L, fresh);
        FloatVector x20 = start(c, o2, fresh), x21 = start(c, o2 + L, fresh);
        FloatVector x30 = start(c, o3, fresh), x31 = start(c, o3 + L, fresh);
        FloatVector x40 = start(c, o4, fresh), x41 = start(c, o4 + L, fresh);
        FloatVector x50 = start(c, o5, fresh), x51 = start(c, o5 + L, fresh);
        FloatVector x60 = start(c, o6, fresh), x61 = start(c, o6 + L, fresh);
        FloatVector x70 = start(c, o7, fresh), x71 = start(c, o7 + L, fresh);
        FloatVector av;
        for (int p = 0, bi = 0; p < kc; p++, bi += P, ai += ks) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            av = FloatVector.broadcast(S, a[ai]);
            x00 = av.fma(b0, x00);
            x01 = av.fma(b1, x01);
            av = FloatVector.broadcast(S, a[ai + r1]);
            x10 = av.fma(b0, x10);
            x11 = av.fma(b1, x11);
            av = FloatVector.broadcast(S, a[ai + r2]);
            x20 = av.fma(b0, x20);
            x21 = av.fma(b1, x21);
            av = FloatVector.broadcast(S, a[ai + r3]);
            x30 = av.fma(b0, x30);
            x31 = av.fma(b1, x31);
            av = FloatVector.broadcast(S, a[ai + r4]);
            x40 = av.fma(b0, x40);
            x41 = av.fma(b1, x41);
            av = FloatVector.broadcast(S, a[ai + r5]);
            x50 = av.fma(b0, x50);
            x51 = av.fma(b1, x51);
            av = FloatVector.broadcast(S, a[ai + r6]);
            x60 = av.fma(b0, x60);
            x61 = av.fma(b1, x61);
            av = FloatVector.broadcast(S, a[ai + r7]);
            x70 = av.fma(b0, x70);
            x71 = av.fma(b1, x71);
        }
        x00.intoArray(c, o0);
        x01.intoArray(c, o0 + L);
        x10.intoArray(c, o1);
        x11.intoArray(c, o1 + L);
        x20.intoArray(c, o2);
        x21.intoArray(c, o2 + L);
        x30.intoArray(c, o3);
        x31.intoArray(c, o3 + L);
        x40.intoArray(c, o4);
        x41.intoArray(c, o4 + L);
        x50.intoArray(c, o5);
        x51.intoArray(c, o5 + L);
        x60.intoArray(c, o6);
        x61.intoArray(c, o6 + L);
        x70.intoArray(c, o7);
        x71.intoArray(c, o7 + L);
    }

    /**
     * {@link #tile} for 6 rows of a TN product, whose a-rows are adjacent (row stride 1): 12 accumulators, which
     * with two panel vectors and a broadcast fit 16 registers. The six loads of a step sit at constant offsets,
     * so C2 merges their range checks.
     */
    private static void tile6Adjacent(float[] a, int ai, int ks, float[] bp, int kc, float[] c, int co, int ldc,
                                      boolean fresh) {
        int o0 = co, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        FloatVector x00 = start(c, o0, fresh), x01 = start(c, o0 + L, fresh);
        FloatVector x10 = start(c, o1, fresh), x11 = start(c, o1 + L, fresh);
        FloatVector x20 = start(c, o2, fresh), x21 = start(c, o2 + L, fresh);
        FloatVector x30 = start(c, o3, fresh), x31 = start(c, o3 + L, fresh);
        FloatVector x40 = start(c, o4, fresh), x41 = start(c, o4 + L, fresh);
        FloatVector x50 = start(c, o5, fresh), x51 = start(c, o5 + L, fresh);
        FloatVector av;
        for (int p = 0, bi = 0; p < kc; p++, bi += P, ai += ks) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            av = FloatVector.broadcast(S, a[ai]);
            x00 = av.fma(b0, x00);
            x01 = av.fma(b1, x01);
            av = FloatVector.broadcast(S, a[ai + 1]);
            x10 = av.fma(b0, x10);
            x11 = av.fma(b1, x11);
            av = FloatVector.broadcast(S, a[ai + 2]);
            x20 = av.fma(b0, x20);
            x21 = av.fma(b1, x21);
            av = FloatVector.broadcast(S, a[ai + 3]);
            x30 = av.fma(b0, x30);
            x31 = av.fma(b1, x31);
            av = FloatVector.broadcast(S, a[ai + 4]);
            x40 = av.fma(b0, x40);
            x41 = av.fma(b1, x41);
            av = FloatVector.broadcast(S, a[ai + 5]);
            x50 = av.fma(b0, x50);
            x51 = av.fma(b1, x51);
        }
        x00.intoArray(c, o0);
        x01.intoArray(c, o0 + L);
        x10.intoArray(c, o1);
        x11.intoArray(c, o1 + L);
        x20.intoArray(c, o2);
        x21.intoArray(c, o2 + L);
        x30.intoArray(c, o3);
        x31.intoArray(c, o3 + L);
        x40.intoArray(c, o4);
        x41.intoArray(c, o4 + L);
        x50.intoArray(c, o5);
        x51.intoArray(c, o5 + L);
    }

    /**
     * {@link #tile} for 6 rows of an NN or NT product, whose a-rows run along k (k stride 1): the loads are linear
     * in p, so C2 hoists their range checks out of the loop. With the general strides these checks cost 6–11%.
     */
    private static void tile6(float[] a, int ai, int rs, float[] bp, int kc, float[] c, int co, int ldc,
                              boolean fresh) {
        int o0 = co, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        int r1 = rs, r2 = r1 + rs, r3 = r2 + rs, r4 = r3 + rs, r5 = r4 + rs;
        FloatVector x00 = start(c, o0, fresh), x01 = start(c, o0 + L, fresh);
        FloatVector x10 = start(c, o1, fresh), x11 = start(c, o1 + L, fresh);
        FloatVector x20 = start(c, o2, fresh), x21 = start(c, o2 + L, fresh);
        FloatVector x30 = start(c, o3, fresh), x31 = start(c, o3 + L, fresh);
        FloatVector x40 = start(c, o4, fresh), x41 = start(c, o4 + L, fresh);
        FloatVector x50 = start(c, o5, fresh), x51 = start(c, o5 + L, fresh);
        FloatVector av;
        for (int p = 0, bi = 0; p < kc; p++, bi += P) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            av = FloatVector.broadcast(S, a[ai + p]);
            x00 = av.fma(b0, x00);
            x01 = av.fma(b1, x01);
            av = FloatVector.broadcast(S, a[ai + r1 + p]);
            x10 = av.fma(b0, x10);
            x11 = av.fma(b1, x11);
            av = FloatVector.broadcast(S, a[ai + r2 + p]);
            x20 = av.fma(b0, x20);
            x21 = av.fma(b1, x21);
            av = FloatVector.broadcast(S, a[ai + r3 + p]);
            x30 = av.fma(b0, x30);
            x31 = av.fma(b1, x31);
            av = FloatVector.broadcast(S, a[ai + r4 + p]);
            x40 = av.fma(b0, x40);
            x41 = av.fma(b1, x41);
            av = FloatVector.broadcast(S, a[ai + r5 + p]);
            x50 = av.fma(b0, x50);
            x51 = av.fma(b1, x51);
        }
        x00.intoArray(c, o0);
        x01.intoArray(c, o0 + L);
        x10.intoArray(c, o1);
        x11.intoArray(c, o1 + L);
        x20.intoArray(c, o2);
        x21.intoArray(c, o2 + L);
        x30.intoArray(c, o3);
        x31.intoArray(c, o3 + L);
        x40.intoArray(c, o4);
        x41.intoArray(c, o4 + L);
        x50.intoArray(c, o5);
        x51.intoArray(c, o5 + L);
    }

    /** {@link #tile} for 4 rows, for the rows a full tile leaves. */
    private static void tile4(float[] a, int ai, int rs, int ks, float[] bp, int kc, float[] c, int co, int ldc,
                              boolean fresh) {
        int o0 = co, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
        int r1 = rs, r2 = r1 + rs, r3 = r2 + rs;
        FloatVector x00 = start(c, o0, fresh), x01 = start(c, o0 + L, fresh);
        FloatVector x10 = start(c, o1, fresh), x11 = start(c, o1 + L, fresh);
        FloatVector x20 = start(c, o2, fresh), x21 = start(c, o2 + L, fresh);
        FloatVector x30 = start(c, o3, fresh), x31 = start(c, o3 + L, fresh);
        FloatVector av;
        for (int p = 0, bi = 0; p < kc; p++, bi += P, ai += ks) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            av = FloatVector.broadcast(S, a[ai]);
            x00 = av.fma(b0, x00);
            x01 = av.fma(b1, x01);
            av = FloatVector.broadcast(S, a[ai + r1]);
            x10 = av.fma(b0, x10);
            x11 = av.fma(b1, x11);
            av = FloatVector.broadcast(S, a[ai + r2]);
            x20 = av.fma(b0, x20);
            x21 = av.fma(b1, x21);
            av = FloatVector.broadcast(S, a[ai + r3]);
            x30 = av.fma(b0, x30);
            x31 = av.fma(b1, x31);
        }
        x00.intoArray(c, o0);
        x01.intoArray(c, o0 + L);
        x10.intoArray(c, o1);
        x11.intoArray(c, o1 + L);
        x20.intoArray(c, o2);
        x21.intoArray(c, o2 + L);
        x30.intoArray(c, o3);
        x31.intoArray(c, o3 + L);
    }

    /** {@link #tile} for 2 rows, for the rows a full tile leaves. */
    private static void tile2(float[] a, int ai, int rs, int ks, float[] bp, int kc, float[] c, int co, int ldc,
                              boolean fresh) {
        int o1 = co + ldc;
        FloatVector x00 = start(c, co, fresh), x01 = start(c, co + L, fresh);
        FloatVector x10 = start(c, o1, fresh), x11 = start(c, o1 + L, fresh);
        FloatVector av;
        for (int p = 0, bi = 0; p < kc; p++, bi += P, ai += ks) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            av = FloatVector.broadcast(S, a[ai]);
            x00 = av.fma(b0, x00);
            x01 = av.fma(b1, x01);
            av = FloatVector.broadcast(S, a[ai + rs]);
            x10 = av.fma(b0, x10);
            x11 = av.fma(b1, x11);
        }
        x00.intoArray(c, co);
        x01.intoArray(c, co + L);
        x10.intoArray(c, o1);
        x11.intoArray(c, o1 + L);
    }
}
