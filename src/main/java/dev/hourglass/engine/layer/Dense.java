package dev.hourglass.engine.layer;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Nonlinearity;
import dev.hourglass.engine.kernel.Transpose;
import dev.hourglass.engine.random.SplitMix64;

/**
 * A fully connected layer {@code y(m,out) = f(x(m,in) · W + b(out))}.
 *
 * <p>An own weight is stored as W(in, out), row-major. A tied layer instead uses the transpose of
 * another layer's weight, stored as (out, in) — which is exactly that layer's W(in', out') with
 * in' = out, out' = in — and adds its share of the gradient into that layer's gradient array.
 * Bias and its gradient are always the layer's own.
 */
public final class Dense {

    private final int in;
    private final int out;
    private final Activation activation;
    private final float[] weight;
    private final float[] weightGrad;
    private final boolean tied;
    private final float[] bias;
    private final float[] biasGrad;
    private boolean accumulateWeightGrad;
    /** For a block-diagonal layer, its blocks; null for a dense one. */
    private BlockDiagonal blocks;
    /** For a block-diagonal layer, W's shape with 1 inside the blocks and 0 outside; null for a dense one. */
    private float[] blockMask;

    private Dense(int in, int out, Activation activation, float[] weight, float[] weightGrad, boolean tied,
                  boolean trainable) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("layer widths must be positive: " + in + " -> " + out);
        }
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.weight = weight;
        this.weightGrad = weightGrad;
        this.tied = tied;
        this.bias = new float[out];
        this.biasGrad = trainable ? new float[out] : null;
    }

    /** A layer with its own weight W(in, out), zero-initialized. */
    public static Dense create(int in, int out, Activation activation) {
        return new Dense(in, out, activation, new float[in * out], new float[in * out], false, true);
    }

    /**
     * A layer for inference only: W(in, out) and b, zero until set, and no gradient arrays (a loaded model never runs
     * backward, and its gradients would double what it holds); {@link #backward} on it fails.
     */
    public static Dense forInference(int in, int out, Activation activation) {
        return new Dense(in, out, activation, new float[in * out], null, false, false);
    }

    /**
     * A layer {@code out-wide} whose weight is the transpose of {@code source}'s; requires
     * {@code source.in() == out && source.out() == in}. The source then accumulates its weight
     * gradient on top of this layer's, so this layer's backward must run first.
     */
    public static Dense tiedTo(Dense source, Activation activation) {
        if (source.tied) {
            throw new IllegalArgumentException("cannot tie to a tied layer");
        }
        Dense d = new Dense(source.out, source.in, activation, source.weight, source.weightGrad, true,
                source.biasGrad != null);
        source.accumulateWeightGrad = true;
        return d;
    }

    /**
     * Makes this own-weight layer block-diagonal: input columns in consecutive blocks of {@code inBlocks}
     * widths, output columns in blocks of {@code outBlocks}, and only block i's inputs connect to block i's
     * outputs (a multimodal network's branches, side by side). The weights outside the blocks stay 0:
     * {@link #initialize} leaves them 0 and no gradient reaches them, so no update moves them. Its products
     * run block by block ({@link BlockDiagonal}): the layer costs the arithmetic of its blocks.
     */
    public Dense withBlocks(int[] inBlocks, int[] outBlocks) {
        if (tied || inBlocks.length != outBlocks.length || java.util.Arrays.stream(inBlocks).asLongStream().sum() != in
                || java.util.Arrays.stream(outBlocks).asLongStream().sum() != out) {
            throw new IllegalArgumentException("blocks " + java.util.Arrays.toString(inBlocks) + " → "
                    + java.util.Arrays.toString(outBlocks) + " do not partition a " + in + " → " + out + " layer");
        }
        this.blocks = new BlockDiagonal(in, out, inBlocks, outBlocks);
        this.blockMask = blocks.mask();
        return this;
    }

    /** Whether weight (i, o) of an own weight W(in, out) connects input i to output o (always, unless block-diagonal). */
    public boolean connects(int i, int o) {
        return blockMask == null || blockMask[i * out + o] != 0f;
    }

    /**
     * PyTorch's {@code nn.Linear} initialization: Kaiming-uniform with a = √5 for the weight, which
     * is U(−1/√in, 1/√in), and the same bound for the bias. A tied layer draws only its bias.
     */
    public void initialize(SplitMix64 rng) {
        float bound = (float) (1.0 / Math.sqrt(in));
        if (blockMask != null) {
            initializeBlocks(rng);
            return;
        }
        if (!tied) {
            // drawn in PyTorch's (out, in) order, stored transposed as W(in, out)
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    weight[i * out + o] = rng.nextUniform(bound);
                }
            }
        }
        for (int o = 0; o < out; o++) {
            bias[o] = rng.nextUniform(bound);
        }
    }

    /** A block-diagonal layer: each block as its own {@code nn.Linear} of its input width, in (out, in) order; 0 outside. */
    private void initializeBlocks(SplitMix64 rng) {
        float[] outBound = new float[out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                if (blockMask[i * out + o] != 0f) {
                    outBound[o] = (float) (1.0 / Math.sqrt(blocks.inWidthOf(i)));
                }
            }
        }
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                weight[i * out + o] = blockMask[i * out + o] != 0f ? rng.nextUniform(outBound[o]) : 0f;
            }
        }
        for (int o = 0; o < out; o++) {
            bias[o] = rng.nextUniform(outBound[o]);
        }
    }

    private void requireTrainable() {
        if (biasGrad == null) {
            throw new IllegalStateException("a layer built for inference has no gradients");
        }
    }

    /** Whether the layer has gradient arrays (it was not built {@link #forInference}). */
    public boolean trainable() {
        return biasGrad != null;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Activation activation() {
        return activation;
    }

    public boolean tied() {
        return tied;
    }

    /** The weight array this layer reads: W(in, out) if own, (out, in) if tied. */
    public float[] weight() {
        return weight;
    }

    /** Null for a layer built {@link #forInference}. */
    public float[] weightGrad() {
        return weightGrad;
    }

    public float[] bias() {
        return bias;
    }

    /** Null for a layer built {@link #forInference}. */
    public float[] biasGrad() {
        return biasGrad;
    }

    /** y(m,out) = f(x(m,in) · W + b); with {@code applyActivation} false, f is the identity. */
    public void forward(ComputeContext ctx, float[] x, int m, float[] y, boolean applyActivation) {
        forward(ctx, x, m, y, applyActivation, false);
    }

    /**
     * As {@link #forward(ComputeContext, float[], int, float[], boolean)}, for one inference call: a
     * block-diagonal layer packs its operands into buffers of the call's own rather than the thread's.
     */
    public void forwardOnce(ComputeContext ctx, float[] x, int m, float[] y, boolean applyActivation) {
        forward(ctx, x, m, y, applyActivation, true);
    }

    private void forward(ComputeContext ctx, float[] x, int m, float[] y, boolean applyActivation, boolean once) {
        Nonlinearity f = applyActivation ? activation.nonlinearity() : Nonlinearity.LINEAR;
        if (blocks != null) {
            blocks.forward(ctx, weight, x, m, y, once);
            Kernels.biasActivateInPlace(ctx, y, m, out, bias, f);
        } else if (tied) {
            Kernels.gemmBiasActivate(ctx, Transpose.NT, m, out, in, x, weight, y, bias, f); // y(m,out) = f(x · Wt(out,in)ᵀ + b)
        } else {
            Kernels.gemmBiasActivate(ctx, Transpose.NN, m, out, in, x, weight, y, bias, f); // y(m,out) = f(x · W(in,out) + b)
        }
    }

    /**
     * Backward through the layer, given dz = ∂L/∂z (the gradient at the pre-activation, i.e. the
     * output gradient already multiplied by f'). Writes the weight gradient (adding to it if another
     * layer ties to this one and ran first) and the bias gradient. Unless {@code dx} is null, writes
     * into it the gradient at the previous layer's pre-activation: (dz · Wᵀ) ⊙ g'(x), where
     * x = g(·) is the previous layer's stored output and g its activation ({@code LINEAR} for the
     * network input or when the caller wants ∂L/∂x itself).
     */
    public void backward(ComputeContext ctx, float[] x, float[] dz, int m, float[] dx, Nonlinearity inputActivation) {
        requireTrainable();
        if (blocks != null) {
            blockBackward(ctx, x, dz, m, dx, inputActivation, accumulateWeightGrad, false);
            return;
        }
        if (tied) {
            Kernels.gemm(ctx, Transpose.TN, out, in, m, dz, x, weightGrad, false);        // dWt(out,in) = dz(m,out)ᵀ · x(m,in)
            Kernels.columnSums(ctx, dz, m, out, biasGrad, false);                          // db(out) = Σ_rows dz
        } else {
            Kernels.gemmWithColumnSums(ctx, Transpose.TN, in, out, m, x, dz, weightGrad,   // dW(in,out) (+)= x(m,in)ᵀ · dz(m,out)
                    accumulateWeightGrad, dz, m, biasGrad);                                // db(out) = Σ_rows dz
        }
        inputGradient(ctx, dz, m, dx, x, inputActivation);
    }

    /**
     * As {@link #backward}, adding the weight and bias gradients to what they hold (a second pass through
     * an own-weight layer, as a term that runs the encoder again does).
     */
    public void backwardAccumulate(ComputeContext ctx, float[] x, float[] dz, int m, float[] dx,
                                   Nonlinearity inputActivation) {
        requireTrainable();
        if (tied) {
            throw new IllegalStateException("a tied layer accumulates through its source");
        }
        if (blocks != null) {
            blockBackward(ctx, x, dz, m, dx, inputActivation, true, true);
            return;
        }
        Kernels.gemm(ctx, Transpose.TN, in, out, m, x, dz, weightGrad, true);
        Kernels.columnSums(ctx, dz, m, out, biasGrad, true);
        inputGradient(ctx, dz, m, dx, x, inputActivation);
    }

    /**
     * A block-diagonal layer's backward: the weight gradient's blocks (added when {@code accumulate}; a tied
     * layer's dense share outside the blocks is then zeroed), the bias gradient, and dx with g'(x).
     */
    private void blockBackward(ComputeContext ctx, float[] x, float[] dz, int m, float[] dx, Nonlinearity inputActivation,
                               boolean accumulate, boolean accumulateBias) {
        blocks.backward(ctx, weight, weightGrad, accumulate, x, dz, m, dx);
        if (accumulate) {
            maskWeightGrad();
        }
        Kernels.columnSums(ctx, dz, m, out, biasGrad, accumulateBias);
        if (dx != null && inputActivation != Nonlinearity.LINEAR) {
            Kernels.activationBackwardInPlace(ctx, dx, x, m * in, inputActivation);
        }
    }

    /**
     * For a block-diagonal layer, zeroes the weight gradient outside the blocks (what a term that treats W as
     * dense, such as the contractive penalty, added there); nothing for a dense layer.
     */
    public void keepBlocksApart() {
        if (blockMask != null) {
            maskWeightGrad();
        }
    }

    private void maskWeightGrad() {
        for (int i = 0; i < blockMask.length; i++) {
            weightGrad[i] *= blockMask[i];
        }
    }

    private void inputGradient(ComputeContext ctx, float[] dz, int m, float[] dx, float[] x, Nonlinearity inputActivation) {
        if (dx != null) {
            // dx(m,in) = (dz(m,out) · W(in,out)ᵀ) ⊙ g'(x), or dz · Wt(out,in) when tied
            Kernels.gemmActivationBackward(ctx, tied ? Transpose.NN : Transpose.NT, m, in, out, dz, weight, dx, x,
                    inputActivation);
        }
    }
}
