package dev.hourglass.engine.objective;

import java.util.List;
import java.util.Map;

import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Penalties;
import dev.hourglass.engine.kernel.Transpose;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.spec.Contractive;

/**
 * The contractive penalty λ · (1/m) Σ_i ‖J_i‖²_F, J_i = ∂h/∂x at row i for the whole encoder.
 *
 * <p>One layer h = f(x·W + b): exact closed form ‖J_i‖²_F = Σ_l f'(z_il)² Σ_j W_jl². Its gradient
 * reaches z through f'' (sigmoid f' = h(1−h), f'' = f'(1−2h); tanh f' = 1−h², f'' = −2h·f') and W
 * directly (2 f'² W_jl).
 *
 * <p>Deeper encoders: the unbiased one-probe estimator ‖J_i v_i‖² with Rademacher v_i ∈ {±1}^n drawn
 * per row and batch (E[v vᵀ] = I, so E‖J v‖² = tr(JᵀJ) = ‖J‖²_F). J v is a forward-mode tangent:
 * u_0 = v, s_l = u_(l−1)·W_l, u_l = f'(z_l) ⊙ s_l; the estimator's exact gradient runs the tangent
 * backward (s̄_l = ū_l ⊙ f', z̄_l = ū_l ⊙ s_l ⊙ f'', W̄_l += u_(l−1)ᵀ s̄_l, ū_(l−1) = s̄_l W_lᵀ).
 *
 * <p>With the code-layer scope ({@link Contractive.Scope#CODE_LAYER}) the closed form is taken for the
 * code layer's Jacobian with respect to its own input, its gradient reaching the layers below through
 * ordinary backpropagation. Gradients: ∂/∂z of each encoder layer before its backward, the direct
 * weight gradients after the whole backward.
 *
 * <p>Metrics: "contractive" (λ·‖J‖²_F as trained: exact, or the estimate) and, per epoch,
 * "jacobianFrobenius": the exact mean ‖J‖²_F of the whole encoder on up to {@link #HELD_OUT_ROWS}
 * held-out rows; the held-out objective takes λ times that, so the validation losses of both scopes
 * and of the estimator are comparable.
 */
public final class JacobianPenalty implements Term {

    /** Rows on which the exact Jacobian norm is computed per epoch (it costs O(k·Σ in·out) per row). */
    public static final int HELD_OUT_ROWS = 512;

    private final float lambda;
    private final Dense[] encoder;
    private final int inputDim;
    private final float[][] zbar;
    // closed form
    private final float[] colNorm;
    private final float[] dsq;
    // estimator
    private final float[] v;
    private final float[][] pre;
    private final float[][] tan;
    private final float[][] ubar;
    private final float[][] sbar;
    /** The layer whose closed form is taken: the only one, or the code layer when codeLayerOnly. */
    private final int closedFormLayer;
    private int m;
    private float scale;

    JacobianPenalty(Contractive settings, Network network, int capacity) {
        this(settings.weight(), network.encoder(), capacity, settings.scope() == Contractive.Scope.CODE_LAYER);
    }

    /**
     * @param encoder       the encoder's layers from the input to the code, none of them tied
     * @param codeLayerOnly penalize the code layer's Jacobian with respect to its own input (closed form,
     *                      backpropagated through the layers below) instead of the whole encoder's
     */
    JacobianPenalty(float lambda, Dense[] encoder, int capacity, boolean codeLayerOnly) {
        this.lambda = lambda;
        this.encoder = encoder.clone();
        this.inputDim = encoder[0].in();
        int layers = encoder.length;
        this.closedFormLayer = codeLayerOnly || layers == 1 ? layers - 1 : -1;
        this.zbar = new float[layers][];
        for (int l = 0; l < layers; l++) {
            zbar[l] = new float[capacity * encoder[l].out()];
        }
        if (closedFormLayer >= 0) {
            colNorm = new float[encoder[closedFormLayer].out()];
            dsq = new float[encoder[closedFormLayer].out()];
            v = null;
            pre = tan = ubar = sbar = null;
        } else {
            colNorm = dsq = null;
            v = new float[capacity * inputDim];
            pre = new float[layers][];
            tan = new float[layers][];
            ubar = new float[layers][];
            sbar = new float[layers][];
            for (int l = 0; l < layers; l++) {
                int c = capacity * encoder[l].out();
                pre[l] = new float[c];
                tan[l] = new float[c];
                ubar[l] = new float[c];
                sbar[l] = new float[c];
            }
        }
    }

    /** Whether the penalty is a closed form (one layer, or the code layer only) rather than the estimator. */
    public boolean exact() {
        return closedFormLayer >= 0;
    }

    /** The Rademacher probes of the last forward, v(m, inputDim); null for the closed form. */
    public float[] probes() {
        return v;
    }

    @Override
    public List<String> metrics() {
        return List.of("contractive");
    }

    /**
     * λ · mean ‖J‖²_F (or its estimate) for the batch; prepares the gradients. Draws the probes from
     * the pass's stream when estimating.
     */
    @Override
    public double forward(Pass pass, double[] values, int offset) {
        values[offset] = penalty(pass);
        return values[offset];
    }

    private double penalty(Pass pass) {
        ComputeContext ctx = pass.ctx();
        int m = pass.rows();
        this.m = m;
        this.scale = lambda / m;
        int last = encoder.length - 1;
        if (exact()) {
            int k = closedFormLayer;
            Dense d = encoder[k];
            ArrayOps.columnSumsOfSquares(d.weight(), d.in(), d.out(), colNorm);
            double sum = Penalties.contractiveSingleLayer(pass.activations(k), m, d.out(), d.activation().nonlinearity(),
                    colNorm, scale, zbar[k], dsq);
            return scale * sum;
        }
        Draws.rademacher(v, m * inputDim, pass.rng());
        float[] u = v;
        for (int l = 0; l <= last; l++) {
            Dense d = encoder[l];
            Kernels.gemm(ctx, Transpose.NN, m, d.out(), d.in(), u, d.weight(), pre[l], false); // s_l = u_(l−1) · W_l
            Penalties.tangentForward(pass.activations(l), pre[l], tan[l], m * d.out(), d.activation().nonlinearity());
            u = tan[l];
        }
        double sum = Kernels.sumOfSquares(tan[last], m * encoder[last].out());
        ArrayOps.scale(tan[last], ubar[last], m * encoder[last].out(), 2f * scale);     // ū_L = 2λ/m · u_L
        for (int l = last; l >= 0; l--) {
            Dense d = encoder[l];
            Penalties.tangentBackward(pass.activations(l), pre[l], ubar[l], m * d.out(), d.activation().nonlinearity(), sbar[l],
                    zbar[l]);
            if (l > 0) {
                Kernels.gemm(ctx, Transpose.NT, m, d.in(), d.out(), sbar[l], d.weight(), ubar[l - 1], false); // ū = s̄ Wᵀ
            }
        }
        return scale * sum;
    }

    @Override
    public void addToPreActivationGradient(Pass pass, int layer, float[] dz) {
        if (layer < encoder.length) {
            ArrayOps.addInPlace(dz, zbar[layer], m * encoder[layer].out());
        }
    }

    /** The penalty's direct weight gradients, after the layers' backward wrote theirs. */
    @Override
    public void addToParameterGradients(Pass pass) {
        ComputeContext ctx = pass.ctx();
        if (exact()) {
            Dense d = encoder[closedFormLayer];
            ArrayOps.addColumnScaledInPlace(d.weightGrad(), d.weight(), d.in(), d.out(), dsq, 2f * scale);
            return;
        }
        float[] u = v;
        for (int l = 0; l < encoder.length; l++) {
            Dense d = encoder[l];
            Kernels.gemm(ctx, Transpose.TN, d.in(), d.out(), m, u, sbar[l], d.weightGrad(), true); // W̄ += uᵀ s̄
            u = tan[l];
        }
    }

    /** The training value may be an estimate: held out, λ times the exact norm of the whole encoder. */
    @Override
    public boolean batchwiseWhenHeldOut() {
        return false;
    }

    @Override
    public double heldOut(HeldOut rows, Map<String, Double> metrics) {
        float[] x = rows.gather(HELD_OUT_ROWS);
        int count = x.length / inputDim;
        float[][] act = new float[encoder.length][];
        for (int l = 0; l < encoder.length; l++) {
            act[l] = new float[count * encoder[l].out()];
            encoder[l].forward(rows.ctx(), x, count, act[l], true);
            x = act[l];
        }
        double jacobian = exactMeanFrobeniusSquared(rows.ctx(), encoder, encoder[encoder.length - 1].out(), act, count);
        metrics.put("jacobianFrobenius", jacobian);
        return lambda * jacobian;
    }

    /**
     * Exact (1/m) Σ_i ‖∂c/∂x‖²_F, c the first {@code k} outputs of the last of {@code layers} (the code,
     * or μ of a variational head), given their activations act[l](m, out_l). Per row it multiplies
     * J = [diag f'_L]_(k rows) · W_Lᵀ · diag f'_(L−1) · … · W_1ᵀ from the code back to the input. Where it
     * is cheaper ({@link #throughGram}), the last product is not formed: with G the rest of the chain,
     * ‖G W_1ᵀ‖²_F = Σ G ⊙ (G · W_1ᵀW_1), and the Gram matrix W_1ᵀW_1 is made once for all rows.
     */
    public static double exactMeanFrobeniusSquared(ComputeContext ctx, Dense[] layers, int k, float[][] act, int m) {
        int last = layers.length - 1;
        int widest = layers[0].in();
        for (Dense d : layers) {
            widest = Math.max(widest, d.out());
        }
        float[] g = new float[k * widest];
        float[] next = new float[k * widest];
        float[] row = new float[widest];
        Dense first = layers[0];
        float[] gram = null;
        if (throughGram(first.in(), first.out(), k, m)) {
            gram = new float[first.out() * first.out()];
            Kernels.gemm(ctx, Transpose.TN, first.out(), first.out(), first.in(), first.weight(), first.weight(), gram,
                    false); // W_1ᵀ·W_1
        }
        double total = 0;
        for (int i = 0; i < m; i++) {
            Dense top = layers[last];
            System.arraycopy(act[last], i * top.out(), row, 0, top.out());
            Penalties.diagonalDerivative(row, k, top.out(), top.activation().nonlinearity(), g);
            for (int l = last; l > 0; l--) {
                Dense d = layers[l];
                Kernels.gemm(ctx, Transpose.NT, k, d.in(), d.out(), g, d.weight(), next, false); // G·W_lᵀ
                Dense below = layers[l - 1];
                System.arraycopy(act[l - 1], i * below.out(), row, 0, below.out());
                Penalties.scaleColumnsByDerivative(next, k, d.in(), row, below.activation().nonlinearity());
                float[] t = g;
                g = next;
                next = t;
            }
            if (gram != null) {
                Kernels.gemm(ctx, Transpose.NN, k, first.out(), first.out(), g, gram, next, false); // G·W_1ᵀW_1
                total += dot(g, next, k * first.out());
            } else {
                Kernels.gemm(ctx, Transpose.NT, k, first.in(), first.out(), g, first.weight(), next, false); // G·W_1ᵀ
                total += Kernels.sumOfSquares(next, k * first.in());
            }
        }
        return m == 0 ? 0 : total / m;
    }

    /**
     * Whether {@link #exactMeanFrobeniusSquared} takes a first layer (in → out) through its Gram matrix for m rows
     * of a k-row chain: out²·in once plus m·k·out² per call, against m·k·out·in. It pays off when the layer narrows
     * and the rows are many (784 → 256, k 64, 512 rows: a third of the work); not for a single row or a square layer.
     */
    public static boolean throughGram(int in, int out, int k, int m) {
        long chains = (long) m * k;
        return (long) out * (in + chains) < chains * in;
    }

    /** Σ x[i]·y[i] over [0, count), in double, four chains. */
    private static double dot(float[] x, float[] y, int count) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= count; i += 4) {
            s0 += (double) x[i] * y[i];
            s1 += (double) x[i + 1] * y[i + 1];
            s2 += (double) x[i + 2] * y[i + 2];
            s3 += (double) x[i + 3] * y[i + 3];
        }
        for (; i < count; i++) {
            s0 += (double) x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
