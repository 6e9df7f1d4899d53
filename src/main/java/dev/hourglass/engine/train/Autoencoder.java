package dev.hourglass.engine.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Nonlinearity;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.loss.LossKind;
import dev.hourglass.engine.loss.ReconstructionLoss;
import dev.hourglass.engine.tensor.SplitMix64;

/**
 * A stack of dense layers: the encoder (input → … → code) then the decoder (code → … → input).
 *
 * <p>Parameter order ({@link #parameters()}): layer by layer from the input, each layer's weight
 * then its bias. A weight is W(in, out) row-major, so {@code y = x · W + b}; tied decoder layers
 * have no weight of their own and contribute only their bias.
 *
 * <p>Inference methods are safe to call from many threads at once: they allocate their buffers
 * per call and only read the parameters. Training (package-private, driven by {@link Trainer})
 * writes them and must not overlap with inference on the same instance.
 */
public final class Autoencoder {

    private final ArchitectureSpec spec;
    private final Dense[] layers;
    private final int encoderLayers;
    private final List<float[]> parameters;
    private final List<float[]> gradients;
    private final boolean[] isWeight;

    private Autoencoder(ArchitectureSpec spec) {
        this.spec = spec;
        int[] w = spec.widths();
        int count = w.length - 1;
        this.encoderLayers = spec.encoder().length;
        this.layers = new Dense[count];
        for (int l = 0; l < count; l++) {
            Activation f = l == count - 1 ? spec.outputActivation() : spec.activation();
            if (spec.tiedWeights() && l >= encoderLayers) {
                layers[l] = Dense.tiedTo(layers[count - 1 - l], f);
            } else {
                layers[l] = Dense.create(w[l], w[l + 1], f);
            }
        }
        List<float[]> p = new ArrayList<>();
        List<float[]> g = new ArrayList<>();
        List<Boolean> weight = new ArrayList<>();
        for (Dense d : layers) {
            if (!d.tied()) {
                p.add(d.weight());
                g.add(d.weightGrad());
                weight.add(true);
            }
            p.add(d.bias());
            g.add(d.biasGrad());
            weight.add(false);
        }
        this.parameters = Collections.unmodifiableList(p);
        this.gradients = Collections.unmodifiableList(g);
        this.isWeight = new boolean[weight.size()];
        for (int i = 0; i < isWeight.length; i++) {
            isWeight[i] = weight.get(i);
        }
    }

    /**
     * A freshly initialized model, deterministic in {@code seed}: layers in order draw their weight
     * and then their bias from U(−1/√in, 1/√in) (PyTorch's {@code nn.Linear} default).
     */
    public static Autoencoder initialize(ArchitectureSpec spec, long seed) {
        Autoencoder a = new Autoencoder(spec);
        SplitMix64 rng = new SplitMix64(seed);
        for (Dense d : a.layers) {
            d.initialize(rng);
        }
        return a;
    }

    public ArchitectureSpec spec() {
        return spec;
    }

    public int inputDim() {
        return spec.inputDim();
    }

    public int codeDim() {
        return spec.codeDim();
    }

    public long parameterCount() {
        long n = 0;
        for (float[] p : parameters) {
            n += p.length;
        }
        return n;
    }

    /** The live parameter arrays, in the order described in the class comment. */
    public List<float[]> parameters() {
        return parameters;
    }

    /** Copies {@code values} into the parameters; count and lengths must match {@link #parameters()}. */
    public void setParameters(List<float[]> values) {
        if (values.size() != parameters.size()) {
            throw new IllegalArgumentException("expected " + parameters.size() + " parameter arrays, got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).length != parameters.get(i).length) {
                throw new IllegalArgumentException("parameter array " + i + " has length " + values.get(i).length
                        + ", expected " + parameters.get(i).length);
            }
        }
        for (int i = 0; i < values.size(); i++) {
            System.arraycopy(values.get(i), 0, parameters.get(i), 0, parameters.get(i).length);
        }
    }

    /** rows(count, inputDim) → codes(count, codeDim). */
    public float[] encode(float[] rows, int count) {
        checkRows(rows, count, inputDim(), "rows");
        return run(rows, count, 0, encoderLayers);
    }

    /** codes(count, codeDim) → reconstructions(count, inputDim), output activation applied. */
    public float[] decode(float[] codes, int count) {
        checkRows(codes, count, codeDim(), "codes");
        return run(codes, count, encoderLayers, layers.length);
    }

    /** rows(count, inputDim) → reconstructions(count, inputDim). */
    public float[] reconstruct(float[] rows, int count) {
        checkRows(rows, count, inputDim(), "rows");
        return run(rows, count, 0, layers.length);
    }

    private static void checkRows(float[] x, int count, int width, String what) {
        if (count < 0 || x.length != (long) count * width) {
            throw new IllegalArgumentException(what + " must hold " + count + " x " + width + " floats, got " + x.length);
        }
    }

    private float[] run(float[] x, int count, int from, int to) {
        ComputeContext ctx = ComputeContext.serial();
        for (int l = from; l < to; l++) {
            float[] y = new float[count * layers[l].out()];
            layers[l].forward(ctx, x, count, y, true);
            x = y;
        }
        return x;
    }

    // ------------------------------------------------------------ training (package-private)

    Dense[] layers() {
        return layers;
    }

    List<float[]> gradients() {
        return gradients;
    }

    /** Per parameter array, whether it is a weight (subject to weight decay). */
    boolean[] isWeight() {
        return isWeight.clone();
    }

    /** Buffers for batches of up to {@code capacity} rows. */
    final class Workspace {
        final int capacity;
        final float[] input;
        final float[][] act;
        final float[][] grad;

        Workspace(int capacity) {
            this.capacity = capacity;
            this.input = new float[capacity * inputDim()];
            this.act = new float[layers.length][];
            this.grad = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                act[l] = new float[capacity * layers[l].out()];
                grad[l] = new float[capacity * layers[l].out()];
            }
        }
    }

    Workspace workspace(int capacity) {
        return new Workspace(capacity);
    }

    /**
     * Forward pass on {@code ws.input(m, inputDim)}, loss against the same rows, and, if
     * {@code backward}, all parameter gradients of the mean reconstruction loss. Returns the loss.
     */
    double lossAndGradients(ComputeContext ctx, Workspace ws, int m, LossKind loss, boolean backward) {
        int last = layers.length - 1;
        boolean logits = ReconstructionLoss.usesLogits(loss);
        float[] x = ws.input;
        for (int l = 0; l <= last; l++) {
            layers[l].forward(ctx, x, m, ws.act[l], l < last || !logits);
            x = ws.act[l];
        }
        double value = ReconstructionLoss.lossAndGradient(loss, ws.act[last], ws.input, ws.grad[last], m, inputDim());
        if (backward) {
            if (!logits) {
                Kernels.activationBackwardInPlace(ctx, ws.grad[last], ws.act[last], m * inputDim(),
                        layers[last].activation().nonlinearity());
            }
            for (int l = last; l >= 0; l--) {
                float[] in = l == 0 ? ws.input : ws.act[l - 1];
                float[] dx = l == 0 ? null : ws.grad[l - 1];
                Nonlinearity g = l == 0 ? Nonlinearity.LINEAR : layers[l - 1].activation().nonlinearity();
                layers[l].backward(ctx, in, ws.grad[l], m, dx, g);
            }
        }
        return value;
    }
}
