package dev.hourglass.engine.objective;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.random.SplitMix64;

/**
 * One pass of a batch through a network, as its terms see it. The network fills it; terms read it and
 * write only into the gradient arrays they are handed.
 */
public final class Pass {

    private final Network network;
    private final float[][] activations;
    private final float[][] gradients;
    private ComputeContext ctx;
    private SplitMix64 rng;
    private int rows;
    private float[] target;
    private float[] encoderInput;
    private float[] observed;

    /**
     * @param activations act[l](rows, out_l) of every layer, decoder layers for rows × samples
     * @param gradients   shaped like {@code activations}: where the backward pass keeps ∂L/∂ of each layer
     */
    public Pass(Network network, float[][] activations, float[][] gradients) {
        this.network = network;
        this.activations = activations;
        this.gradients = gradients;
    }

    /** Starts a batch of {@code rows} rows: {@code target} the clean rows, {@code encoderInput} what the encoder sees. */
    public void begin(ComputeContext ctx, SplitMix64 rng, int rows, float[] target, float[] encoderInput) {
        begin(ctx, rng, rows, target, encoderInput, null);
    }

    /** As above, for a network over a typed table: {@code observed(m, columns)} is 1 where a cell has a value (null: all do). */
    public void begin(ComputeContext ctx, SplitMix64 rng, int rows, float[] target, float[] encoderInput,
                      float[] observed) {
        this.observed = observed;
        this.ctx = ctx;
        this.rng = rng;
        this.rows = rows;
        this.target = target;
        this.encoderInput = encoderInput;
    }

    public Network network() {
        return network;
    }

    public ComputeContext ctx() {
        return ctx;
    }

    /** The pass's random stream: terms that draw (probes, ε) draw from it during their forward. */
    public SplitMix64 rng() {
        return rng;
    }

    /** Rows of the batch, m. */
    public int rows() {
        return rows;
    }

    /** The clean rows (m, inputDim): what the reconstruction is scored against. */
    public float[] target() {
        return target;
    }

    /** What the encoder saw (m, inputDim): the rows, or their corruption. */
    public float[] encoderInput() {
        return encoderInput;
    }

    /** For a typed table, (m, columns): 1 where a cell has a value, 0 where it is missing; null when every cell has one. */
    public float[] observed() {
        return observed;
    }

    /** act[layer]: the layer's output, activated; the output layer's holds logits when the loss takes them. */
    public float[] activations(int layer) {
        return activations[layer];
    }

    /** The array in which the backward pass keeps ∂L/∂(output of {@code layer}). */
    public float[] gradient(int layer) {
        return gradients[layer];
    }
}
