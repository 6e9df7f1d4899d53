package dev.hourglass.engine.objective;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.OutputHeads;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Variational;

/**
 * How far the output is from the clean rows; the term every objective starts from. Its forward also
 * writes the gradient at the output (fused with the loss in one kernel pass), where the network's
 * backward pass begins: with respect to the logits when {@link #usesLogits()}, else to the activated
 * output.
 * <ul>
 *   <li>Deterministic: the mean over all m·n elements of MSE (x̂ − x)² or BCE from the logits.</li>
 *   <li>Variational: per row the negative log-likelihood summed over features (Bernoulli: BCE from the
 *   logits; Gaussian with σ = 1: (x̂ − x)²/2), averaged over the rows and the S draws of z.</li>
 *   <li>Over a typed table ({@link TableLayout}), only observed cells count and the gradient is taken
 *   with respect to the logits of every position: a numeric cell by the loss above on the output
 *   activation of its logit, a categorical cell by the cross-entropy −log softmax(z)_level of its
 *   block. Deterministic: the sum over the batch's observed cells divided by their count (each cell
 *   counts once, a categorical one too); variational: per row the sum over its observed cells.</li>
 * </ul>
 * Metric: "reconstruction"; over a table with categorical columns also "reconstructionNumeric" (the
 * mean loss of the observed numeric cells, when there are numeric columns), "reconstructionCategorical"
 * (the mean cross-entropy of the observed categorical cells) and "categoricalAccuracy" (how many of
 * those the most probable level gets right).
 */
public final class Reconstruction implements Term {

    private enum Kind { MSE, BCE, BERNOULLI, GAUSSIAN }

    private final Kind kind;
    private final int n;
    private final int samples;
    private final int last;
    /** The clean rows repeated once per draw of z (S > 1 only). */
    private final float[] repeated;
    /** Null for plain rows; else the typed table the network's positions stand for. */
    private final TableLayout table;
    private final int[] offsets;
    private final Activation numericHead;
    private final boolean numericColumns;

    Reconstruction(Network network, LossKind loss, int capacity) {
        Variational vae = network.variational();
        this.kind = vae == null ? (loss == LossKind.BCE ? Kind.BCE : Kind.MSE)
                : vae.likelihood() == Likelihood.BERNOULLI ? Kind.BERNOULLI : Kind.GAUSSIAN;
        this.n = network.inputDim();
        this.samples = network.samples();
        this.last = network.lastLayer();
        this.table = network.table();
        this.repeated = samples > 1 && table == null ? new float[capacity * samples * n] : null;
        this.offsets = table == null ? null : table.offsets();
        this.numericHead = network.layers()[last].activation();
        boolean numeric = false;
        for (int c = 0; table != null && c < table.columns(); c++) {
            numeric |= !table.categorical(c);
        }
        this.numericColumns = numeric;
    }

    /** Whether the loss takes the output layer's pre-activation (logits) rather than x̂. */
    public boolean usesLogits() {
        return table != null || kind == Kind.BCE || kind == Kind.BERNOULLI;
    }

    @Override
    public List<String> metrics() {
        List<String> names = new ArrayList<>(List.of("reconstruction"));
        if (table != null && table.hasCategorical()) {
            if (numericColumns) {
                names.add("reconstructionNumeric");
            }
            names.add("reconstructionCategorical");
            names.add("categoricalAccuracy");
        }
        return names;
    }

    @Override
    public double forward(Pass pass, double[] values, int offset) {
        if (table != null) {
            return typed(pass, values, offset);
        }
        int m = pass.rows();
        float[] output = pass.activations(last);
        float[] grad = pass.gradient(last);
        double value;
        if (kind == Kind.MSE || kind == Kind.BCE) {
            value = lossAndGradient(kind == Kind.BCE ? LossKind.BCE : LossKind.MSE, output, pass.target(), grad, m, n);
        } else {
            int md = m * samples;
            float[] target = pass.target();
            if (samples > 1) {
                for (int s = 0; s < samples; s++) {   // one clean copy per draw of z
                    System.arraycopy(target, 0, repeated, s * m * n, m * n);
                }
                target = repeated;
            }
            float inv = 1f / md;
            value = kind == Kind.BERNOULLI
                    ? Kernels.binaryCrossEntropyWithLogits(output, target, grad, md * n, inv) / md
                    : Kernels.squaredError(output, target, grad, md * n, inv) / (2.0 * md);
        }
        values[offset] = value;
        return value;
    }

    /**
     * The mean loss over m·n elements, writing its gradient into {@code grad(m,n)}: with respect to the
     * activated output for MSE (2(x̂ − x)/(mn)), to the logits for BCE ((σ(z) − x)/(mn)).
     *
     * @param output x̂(m,n) for MSE, logits z(m,n) for BCE
     */
    public static double lossAndGradient(LossKind kind, float[] output, float[] target, float[] grad, int m, int n) {
        int count = m * n;
        double inv = 1.0 / count;
        return switch (kind) {
            case MSE -> Kernels.squaredError(output, target, grad, count, (float) (2.0 * inv)) * inv;
            case BCE -> Kernels.binaryCrossEntropyWithLogits(output, target, grad, count, (float) inv) * inv;
        };
    }

    /**
     * The loss over a typed table's observed cells, and its gradient with respect to the output logits
     * (zero at the positions of missing cells). Row q of the decoder's S·m rows is draw q / m of batch
     * row q % m.
     */
    private double typed(Pass pass, double[] values, int offset) {
        int m = pass.rows();
        int rows = m * samples;
        int cols = table.columns();
        float[] z = pass.activations(last);
        float[] grad = pass.gradient(last);
        float[] t = pass.target();
        float[] observed = pass.observed();
        double numericSum = 0;
        double categoricalSum = 0;
        long numericCells = 0;
        long categoricalCells = 0;
        long correct = 0;
        for (int q = 0; q < rows; q++) {
            int r = q % m;
            for (int c = 0; c < cols; c++) {
                int from = offsets[c];
                int to = offsets[c + 1];
                int zRow = q * n;
                int tRow = r * n;
                if (observed != null && observed[r * cols + c] == 0f) {
                    java.util.Arrays.fill(grad, zRow + from, zRow + to, 0f);
                    continue;
                }
                if (table.categorical(c)) {
                    int level = OutputHeads.argmax(t, tRow + from, tRow + to);
                    double lse = OutputHeads.logSumExp(z, zRow + from, zRow + to);
                    categoricalSum += lse - z[zRow + from + level];
                    categoricalCells++;
                    if (OutputHeads.argmax(z, zRow + from, zRow + to) == level) {
                        correct++;
                    }
                    for (int p = from; p < to; p++) {
                        grad[zRow + p] = (float) (Math.exp(z[zRow + p] - lse) - (p - from == level ? 1 : 0));
                    }
                } else {
                    double logit = z[zRow + from];
                    double x = t[tRow + from];
                    double loss;
                    double dz;
                    if (kind == Kind.BCE || kind == Kind.BERNOULLI) {
                        loss = OutputHeads.binaryCrossEntropy(logit, x);
                        dz = OutputHeads.sigmoid(logit) - x;
                    } else {
                        boolean sigmoid = numericHead == Activation.SIGMOID;
                        double y = sigmoid ? OutputHeads.sigmoid(logit) : logit;
                        double slope = sigmoid ? y * (1 - y) : 1;
                        double half = kind == Kind.GAUSSIAN ? 0.5 : 1;
                        loss = half * (y - x) * (y - x);
                        dz = 2 * half * (y - x) * slope;
                    }
                    numericSum += loss;
                    numericCells++;
                    grad[zRow + from] = (float) dz;
                }
            }
        }
        double cells = numericCells + categoricalCells;
        double per = kind == Kind.BERNOULLI || kind == Kind.GAUSSIAN ? rows : cells;
        float scale = per == 0 ? 0f : (float) (1 / per);
        for (int i = 0; i < rows * n; i++) {
            grad[i] *= scale;
        }
        double value = per == 0 ? 0 : (numericSum + categoricalSum) / per;
        values[offset] = value;
        if (table.hasCategorical()) {
            int i = offset + 1;
            if (numericColumns) {
                values[i++] = numericCells == 0 ? 0 : numericSum / numericCells;
            }
            values[i++] = categoricalCells == 0 ? 0 : categoricalSum / categoricalCells;
            values[i] = categoricalCells == 0 ? 0 : (double) correct / categoricalCells;
        }
        return value;
    }
}
