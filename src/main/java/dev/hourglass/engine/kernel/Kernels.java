package dev.hourglass.engine.kernel;

import java.lang.System.Logger.Level;

/**
 * The engine's kernels. The implementation (SIMD on {@code jdk.incubator.vector}, or scalar when
 * that module is absent) is chosen once, when this class initializes. Methods that take a
 * {@link ComputeContext} split their work between its threads so that every result is the same
 * whatever the thread count: GEMM splits the columns (or rows) of c, never k; row-wise kernels
 * split rows; flat kernels split at multiples of {@link #ALIGN} elements.
 */
public final class Kernels {

    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    /** Flat splits happen at multiples of this many elements, so SIMD bodies and tails never move. */
    static final int ALIGN = 64;
    /** Elements per unit of point-wise and reduction work handed to a thread. */
    static final int UNIT_ELEMENTS = 1 << 13;
    /** Elements per unit of an optimizer update (a multiple of ALIGN). */
    static final int UPDATE_CHUNK = 1 << 14;
    private static final long PARALLEL_MIN_GEMM = 1L << 15;
    private static final int PARALLEL_MIN_ELEMENTS = 1 << 13;

    static final boolean SIMD;
    static final GemmKernel GEMM;
    static final PointwiseKernel POINTWISE;
    static final ReductionKernel REDUCTION;
    static final UpdateKernel UPDATE;
    static final PenaltyKernel PENALTY;

    static {
        boolean simd = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"scalar".equalsIgnoreCase(System.getProperty("hourglass.engine.kernels"));
        GemmKernel gemm = new ScalarGemm();
        PointwiseKernel pointwise = new ScalarPointwise();
        ReductionKernel reduction = new ScalarReduction();
        UpdateKernel update = new ScalarUpdate();
        PenaltyKernel penalty = new ScalarPenalty();
        if (simd) {
            try {
                gemm = (GemmKernel) instantiate("VectorGemm");
                pointwise = (PointwiseKernel) instantiate("VectorPointwise");
                reduction = (ReductionKernel) instantiate("VectorReduction");
                update = (UpdateKernel) instantiate("VectorUpdate");
                penalty = (PenaltyKernel) instantiate("VectorPenalty");
            } catch (ReflectiveOperationException | LinkageError e) {
                simd = false;
                gemm = new ScalarGemm();
                pointwise = new ScalarPointwise();
                reduction = new ScalarReduction();
                update = new ScalarUpdate();
                penalty = new ScalarPenalty();
                LOG.log(Level.WARNING, "SIMD kernels failed to load, using scalar kernels", e);
            }
        } else {
            LOG.log(Level.WARNING, "jdk.incubator.vector is not available: the engine uses its scalar kernels, "
                    + "about 30 times slower. Add the JVM option --add-modules jdk.incubator.vector to enable SIMD.");
        }
        SIMD = simd;
        GEMM = gemm;
        POINTWISE = pointwise;
        REDUCTION = reduction;
        UPDATE = update;
        PENALTY = penalty;
        if (simd) {
            LOG.log(Level.INFO, "Engine kernels: SIMD (jdk.incubator.vector); GEMM: " + gemm.plan());
        }
    }

    private Kernels() {
    }

    private static Object instantiate(String simpleName) throws ReflectiveOperationException {
        return Class.forName(Kernels.class.getPackageName() + "." + simpleName).getDeclaredConstructor().newInstance();
    }

    /** What the GEMM kernel chose for this machine: vector width, register tile, how NT panels are made. */
    public static String gemmPlan() {
        return GEMM.plan();
    }

    /** Whether the SIMD kernels are in use. */
    public static boolean simd() {
        return SIMD;
    }

    static int gemmScratchSize() {
        return GEMM.scratchSize();
    }

    /**
     * Runs every kernel on training-like shapes until the JIT has compiled them, so the first
     * training batch or request does not pay for it. Takes a fraction of a second.
     */
    public static void warmUp() {
        ComputeContext ctx = ComputeContext.serial();
        // ragged shapes on purpose: row remainders, a partial last panel, the small-m NN path
        int m = 61;
        int k = 300;
        int n = 90;
        float[] a = new float[Math.max(m, n) * k];
        float[] b = new float[k * Math.max(m, n)];
        float[] c = new float[m * n];
        float[] bias = new float[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 17) * 0.01f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (i % 13) * 0.01f;
        }
        float[] t = new float[m * n];
        float[] s1 = new float[c.length];
        float[] s2 = new float[c.length];
        float[] p1 = new float[c.length];
        float[] p2 = new float[c.length];
        float[] p3 = new float[c.length];
        float[][] w = {c};
        float[][] g = {t};
        float[] decay = {0f};
        for (int rep = 0; rep < 200; rep++) {
            gemm(ctx, Transpose.NN, m, n, k, a, b, c, false);
            gemm(ctx, Transpose.TN, k, n, m, a, c, b, false);
            gemm(ctx, Transpose.NT, m, k, n, c, b, a, true);
            gemm(ctx, Transpose.NN, 1, n, k, a, b, c, false);
            for (Nonlinearity f : Nonlinearity.values()) {
                biasActivateInPlace(ctx, c, m, n, bias, f);
                activationBackwardInPlace(ctx, t, c, m * n, f);
            }
            columnSums(ctx, c, m, n, bias, false);
            squaredError(c, t, t, m * n, 1e-3f);
            binaryCrossEntropyWithLogits(c, t, t, m * n, 1e-3f);
            sumOfSquares(a, a.length);
            // the penalties write only into p1..p3, so the values above stay as they were
            Penalties.tangentForward(c, t, p1, m * n, Nonlinearity.SIGMOID);
            Penalties.tangentBackward(c, t, p1, m * n, Nonlinearity.TANH, p2, p3);
            Penalties.tangentBackward(c, t, p1, m * n, Nonlinearity.RELU, p2, p3);
            Penalties.contractiveSingleLayer(c, m, n, Nonlinearity.SIGMOID, bias, 1e-3f, p2, p3);
            Penalties.reparameterize(b, m / 2, n / 2, t, 1, p1);
            Penalties.variationalHeadBackward(b, m / 2, n / 2, t, p1, 1, 1e-3f, p2);
            PENALTY.signs(rep * 0x9E3779B97F4A7C15L, p3, 0, 64);
            PENALTY.maskingNoise(c, p3, m * n, 1L << 30, rep);
            update(ctx, UpdateRule.SGD, w, g, null, null, decay, 1e-9f, 0f, 0f, 0f, 1f, 1f);
            update(ctx, UpdateRule.MOMENTUM, w, g, new float[][] {s1}, null, decay, 1e-9f, 0.9f, 0f, 0f, 1f, 1f);
            update(ctx, UpdateRule.ADAM, w, g, new float[][] {s1}, new float[][] {s2}, decay, -1e-9f, 0f, 0.9f, 0.999f,
                    1f, 1e-8f);
        }
    }

    // ---------------------------------------------------------------- GEMM

    /**
     * c(m,n) = op(a) · op(b), or c(m,n) += op(a) · op(b) when {@code accumulate}; see {@link Transpose}
     * for the stored shapes of a and b.
     */
    public static void gemm(ComputeContext ctx, Transpose op, int m, int n, int k, float[] a, float[] b, float[] c,
                            boolean accumulate) {
        checkGemm(op, m, n, k, a, b, c);
        if (ctx.threads() == 1 || (long) m * n * k < PARALLEL_MIN_GEMM) {
            GEMM.gemm(op, m, n, k, a, b, c, accumulate, 0, m, 0, n, ctx.scratch(0));
            return;
        }
        GemmTask task = ctx.gemmTask;
        task.set(ctx, op, m, n, k, a, b, c, accumulate);
        ctx.run(task);
    }

    /**
     * c(m,n) = f(op(a) · op(b) + bias(n)): each block of c gets its bias and activation right
     * after it is computed, while it is still in cache.
     */
    public static void gemmBiasActivate(ComputeContext ctx, Transpose op, int m, int n, int k, float[] a, float[] b,
                                        float[] c, float[] bias, Nonlinearity f) {
        checkGemm(op, m, n, k, a, b, c);
        GemmTask task = ctx.gemmBiasActivateTask;
        task.set(ctx, op, m, n, k, a, b, c, false);
        task.vector = bias;
        task.f = f;
        ctx.run(task);
    }

    /**
     * c(m,n) = (op(a) · op(b)) ⊙ f'(z), with y(m,n) = f(z) the stored activation: a gradient
     * propagated to a layer's output and through its activation in one pass.
     */
    public static void gemmActivationBackward(ComputeContext ctx, Transpose op, int m, int n, int k, float[] a,
                                              float[] b, float[] c, float[] y, Nonlinearity f) {
        checkGemm(op, m, n, k, a, b, c);
        GemmTask task = f == Nonlinearity.LINEAR ? ctx.gemmTask : ctx.gemmActivationBackwardTask;
        task.set(ctx, op, m, n, k, a, b, c, false);
        task.matrix = y;
        task.f = f;
        ctx.run(task);
    }

    /**
     * c(m,n) (+)= op(a) · op(b) and sums(n) = Σ_i x(i, n) over {@code xRows} rows of x(xRows, n):
     * a weight gradient and the matching bias gradient, column block by column block.
     */
    public static void gemmWithColumnSums(ComputeContext ctx, Transpose op, int m, int n, int k, float[] a, float[] b,
                                          float[] c, boolean accumulate, float[] x, int xRows, float[] sums) {
        checkGemm(op, m, n, k, a, b, c);
        GemmTask task = ctx.gemmColumnSumsTask;
        task.set(ctx, op, m, n, k, a, b, c, accumulate);
        if (task.byColumns) {
            task.matrix = x;
            task.vector = sums;
            task.rows = xRows;
            ctx.run(task);
        } else {
            gemm(ctx, op, m, n, k, a, b, c, accumulate);
            columnSums(ctx, x, xRows, n, sums, false);
        }
    }

    private static void checkGemm(Transpose op, int m, int n, int k, float[] a, float[] b, float[] c) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM shape " + m + "x" + n + "x" + k);
        }
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException("GEMM " + op + " " + m + "x" + k + "·" + k + "x" + n
                    + " does not fit arrays of " + a.length + ", " + b.length + ", " + c.length);
        }
    }

    /**
     * A GEMM split into units: column panels of c, or bands of row tiles when there are fewer
     * panels than participants. Each unit computes its block of c completely (all of k). The
     * fused variants are separate subclasses on purpose: each {@code run} is compiled on its own,
     * so C2 never has to inline several Vector API kernels into one method (with all three
     * epilogues in one {@code run}, its inlining budget ran out and vectors were boxed: 250 KB
     * allocated per training step).
     */
    static class GemmTask implements ComputeContext.Task {
        Transpose op;
        int m;
        int n;
        int k;
        float[] a;
        float[] b;
        float[] c;
        boolean accumulate;
        boolean byColumns;
        int units;
        int unitSize;
        float[] vector;
        float[] matrix;
        int rows;
        Nonlinearity f;

        void set(ComputeContext ctx, Transpose op, int m, int n, int k, float[] a, float[] b, float[] c,
                 boolean accumulate) {
            this.op = op;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.b = b;
            this.c = c;
            this.accumulate = accumulate;
            int workers = ctx.threads();
            int pw = GEMM.panelWidth();
            int panels = (n + pw - 1) / pw;
            byColumns = panels >= workers;
            if (workers == 1 && m < GEMM.rowTile()) {
                // a few rows (inference): one unit, so the streaming NN path sees all columns at once
                unitSize = Math.max(1, n);
                units = n > 0 ? 1 : 0;
            } else if (byColumns) {
                unitSize = pw;
                units = panels;
            } else {
                int rt = GEMM.rowTile();
                int tiles = (m + rt - 1) / rt;
                int tilesPerUnit = Math.max(1, tiles / (4 * workers));
                unitSize = tilesPerUnit * rt;
                units = (m + unitSize - 1) / unitSize;
            }
        }

        @Override
        public final int units() {
            return units;
        }

        final int rowFrom(int unit) {
            return byColumns ? 0 : unit * unitSize;
        }

        final int rowTo(int unit) {
            return byColumns ? m : Math.min(m, unit * unitSize + unitSize);
        }

        final int colFrom(int unit) {
            return byColumns ? unit * unitSize : 0;
        }

        final int colTo(int unit) {
            return byColumns ? Math.min(n, unit * unitSize + unitSize) : n;
        }

        @Override
        public void run(int unit, float[] scratch) {
            GEMM.gemm(op, m, n, k, a, b, c, accumulate, rowFrom(unit), rowTo(unit), colFrom(unit), colTo(unit), scratch);
        }
    }

    /** GEMM, then c = f(c + bias) on the unit's block. */
    static final class GemmBiasActivateTask extends GemmTask {
        @Override
        public void run(int unit, float[] scratch) {
            int r0 = rowFrom(unit);
            int r1 = rowTo(unit);
            int c0 = colFrom(unit);
            int c1 = colTo(unit);
            GEMM.gemm(op, m, n, k, a, b, c, accumulate, r0, r1, c0, c1, scratch);
            POINTWISE.biasActivate(c, n, vector, f, r0, r1, c0, c1);
        }
    }

    /** GEMM, then c ⊙= f'(from y) on the unit's block. */
    static final class GemmActivationBackwardTask extends GemmTask {
        @Override
        public void run(int unit, float[] scratch) {
            int r0 = rowFrom(unit);
            int r1 = rowTo(unit);
            int c0 = colFrom(unit);
            int c1 = colTo(unit);
            GEMM.gemm(op, m, n, k, a, b, c, accumulate, r0, r1, c0, c1, scratch);
            for (int i = r0; i < r1; i++) {
                POINTWISE.activationBackward(c, matrix, f, i * n + c0, i * n + c1);
            }
        }
    }

    /** GEMM by column panels, then the column sums of x(rows, n) over the unit's columns. */
    static final class GemmColumnSumsTask extends GemmTask {
        @Override
        public void run(int unit, float[] scratch) {
            int c0 = colFrom(unit);
            int c1 = colTo(unit);
            GEMM.gemm(op, m, n, k, a, b, c, accumulate, 0, m, c0, c1, scratch);
            REDUCTION.columnSums(matrix, rows, n, vector, false, c0, c1);
        }
    }

    // ---------------------------------------------------------------- point-wise

    /** y(m,n) = f(y(m,n) + bias(n)). */
    public static void biasActivateInPlace(ComputeContext ctx, float[] y, int m, int n, float[] bias, Nonlinearity f) {
        if (ctx.threads() == 1 || (long) m * n < PARALLEL_MIN_ELEMENTS) {
            POINTWISE.biasActivate(y, n, bias, f, 0, m, 0, n);
            return;
        }
        RowTask task = ctx.rowTask;
        task.set(RowTask.BIAS_ACTIVATE, y, null, m, n, bias, f);
        ctx.run(task);
    }

    /** g(count) *= f'(z), where y(count) = f(z) is the stored activation. */
    public static void activationBackwardInPlace(ComputeContext ctx, float[] g, float[] y, int count, Nonlinearity f) {
        if (f == Nonlinearity.LINEAR) {
            return;
        }
        if (ctx.threads() == 1 || count < PARALLEL_MIN_ELEMENTS) {
            POINTWISE.activationBackward(g, y, f, 0, count);
            return;
        }
        RowTask task = ctx.rowTask;
        task.set(RowTask.ACTIVATION_BACKWARD, g, y, count, 1, null, f);
        ctx.run(task);
    }

    /** x(m,n) = (x(m,n) − shift(n)) · scale(n). */
    public static void shiftScaleInPlace(float[] x, int m, int n, float[] shift, float[] scale) {
        POINTWISE.shiftScale(x, n, shift, scale, 0, m);
    }

    /** x(m,n) = x(m,n) / scale(n) + shift(n). */
    public static void unscaleShiftInPlace(float[] x, int m, int n, float[] shift, float[] scale) {
        POINTWISE.unscaleShift(x, n, shift, scale, 0, m);
    }

    // ---------------------------------------------------------------- reductions and losses

    /** s(n) = Σ_i x(i, n) over m rows (or s += … when {@code accumulate}). */
    public static void columnSums(ComputeContext ctx, float[] x, int m, int n, float[] s, boolean accumulate) {
        if (ctx.threads() == 1 || (long) m * n < PARALLEL_MIN_ELEMENTS) {
            REDUCTION.columnSums(x, m, n, s, accumulate, 0, n);
            return;
        }
        RowTask task = ctx.rowTask;
        task.set(accumulate ? RowTask.COLUMN_SUMS_ACC : RowTask.COLUMN_SUMS, x, s, m, n, null, null);
        ctx.run(task);
    }

    /** d(count) = scale · (y − t); returns Σ (y − t)². */
    public static double squaredError(float[] y, float[] t, float[] d, int count, float scale) {
        return REDUCTION.squaredError(y, t, d, scale, 0, count);
    }

    /** BCE from logits z against t; d(count) = scale · (σ(z) − t); returns Σ ℓ. */
    public static double binaryCrossEntropyWithLogits(float[] z, float[] t, float[] d, int count, float scale) {
        return REDUCTION.binaryCrossEntropyWithLogits(z, t, d, scale, 0, count);
    }

    /** Σ x[i]² over [0, count). */
    public static double sumOfSquares(float[] x, int count) {
        return REDUCTION.sumOfSquares(x, 0, count);
    }

    /** dst(count, cols) = src(rows[from .. from+count), cols): gathers rows into a contiguous batch. */
    public static void gatherRows(float[] src, int cols, int[] rows, int from, int count, float[] dst) {
        for (int r = 0; r < count; r++) {
            System.arraycopy(src, rows[from + r] * cols, dst, r * cols, cols);
        }
    }

    /** Units of about {@link #UNIT_ELEMENTS} elements: row bands, aligned flat chunks or column bands. */
    static final class RowTask implements ComputeContext.Task {
        static final int BIAS_ACTIVATE = 0;
        static final int ACTIVATION_BACKWARD = 1;
        static final int COLUMN_SUMS = 2;
        static final int COLUMN_SUMS_ACC = 3;

        private int kind;
        private float[] x;
        private float[] y;
        private int m;
        private int n;
        private float[] bias;
        private Nonlinearity f;
        private int unitSize;
        private int units;

        void set(int kind, float[] x, float[] y, int m, int n, float[] bias, Nonlinearity f) {
            this.kind = kind;
            this.x = x;
            this.y = y;
            this.m = m;
            this.n = n;
            this.bias = bias;
            this.f = f;
            switch (kind) {
                case BIAS_ACTIVATE -> unitSize = Math.max(1, UNIT_ELEMENTS / n);                 // rows
                case ACTIVATION_BACKWARD -> unitSize = UNIT_ELEMENTS;                           // elements
                default -> unitSize = Math.max(ALIGN, UNIT_ELEMENTS / Math.max(1, m) / ALIGN * ALIGN); // columns
            }
            int extent = kind == BIAS_ACTIVATE || kind == ACTIVATION_BACKWARD ? m : n;
            units = (extent + unitSize - 1) / unitSize;
        }

        @Override
        public int units() {
            return units;
        }

        @Override
        public void run(int unit, float[] scratch) {
            int from = unit * unitSize;
            switch (kind) {
                case BIAS_ACTIVATE -> POINTWISE.biasActivate(x, n, bias, f, from, Math.min(m, from + unitSize), 0, n);
                case ACTIVATION_BACKWARD -> POINTWISE.activationBackward(x, y, f, from, Math.min(m, from + unitSize));
                default -> REDUCTION.columnSums(x, m, n, y, kind == COLUMN_SUMS_ACC, from, Math.min(n, from + unitSize));
            }
        }
    }

    // ---------------------------------------------------------------- optimizer updates

    /** Which fused update {@link #update} applies. */
    public enum UpdateRule {
        SGD, MOMENTUM, ADAM
    }

    /**
     * One optimizer step over every parameter array in one pass: for each i, updates w[i] from
     * g[i] (and state s1[i], s2[i] where the rule keeps any) with weight-decay factor decay2[i].
     * Hyper-parameters as in {@link UpdateKernel}: {@code lr} is −step size for Adam.
     */
    public static void update(ComputeContext ctx, UpdateRule rule, float[][] w, float[][] g, float[][] s1, float[][] s2,
                              float[] decay2, float lr, float mu, float beta1, float beta2, float bc2Sqrt, float eps) {
        UpdateTask task = ctx.updateTask;
        task.rule = rule;
        task.w = w;
        task.g = g;
        task.s1 = s1;
        task.s2 = s2;
        task.decay2 = decay2;
        task.lr = lr;
        task.mu = mu;
        task.beta1 = beta1;
        task.beta2 = beta2;
        task.bc2Sqrt = bc2Sqrt;
        task.eps = eps;
        ctx.run(task);
    }

    /** Units of {@link #UPDATE_CHUNK} elements taken across all parameter arrays in order. */
    static final class UpdateTask implements ComputeContext.Task {
        UpdateRule rule;
        float[][] w;
        float[][] g;
        float[][] s1;
        float[][] s2;
        float[] decay2;
        float lr;
        float mu;
        float beta1;
        float beta2;
        float bc2Sqrt;
        float eps;

        @Override
        public int units() {
            int units = 0;
            for (float[] p : w) {
                units += (p.length + UPDATE_CHUNK - 1) / UPDATE_CHUNK;
            }
            return units;
        }

        @Override
        public void run(int unit, float[] scratch) {
            int p = 0;
            int chunks;
            while (unit >= (chunks = (w[p].length + UPDATE_CHUNK - 1) / UPDATE_CHUNK)) {
                unit -= chunks;
                p++;
            }
            int from = unit * UPDATE_CHUNK;
            int to = Math.min(w[p].length, from + UPDATE_CHUNK);
            switch (rule) {
                case SGD -> UPDATE.sgd(w[p], g[p], lr, decay2[p], from, to);
                case MOMENTUM -> UPDATE.momentum(w[p], g[p], s1[p], lr, mu, decay2[p], from, to);
                case ADAM -> UPDATE.adam(w[p], g[p], s1[p], s2[p], lr, beta1, beta2, bc2Sqrt, eps, decay2[p], from, to);
            }
        }
    }
}
