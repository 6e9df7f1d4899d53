package dev.hourglass.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Nonlinearity;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.layer.OutputHeads;
import dev.hourglass.engine.objective.GaussianKl;
import dev.hourglass.engine.objective.JacobianPenalty;
import dev.hourglass.engine.objective.Network;
import dev.hourglass.engine.objective.Objective;
import dev.hourglass.engine.objective.Pass;
import dev.hourglass.engine.objective.Term;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Problem;

/**
 * A stack of dense layers: the encoder (input → … → code) then the decoder (code → … → input).
 *
 * <p>Parameter order ({@link #parameters()}): layer by layer from the input, each layer's weight
 * then its bias. A weight is W(in, out) row-major, so {@code y = x · W + b}; tied decoder layers
 * have no weight of their own and contribute only their bias.
 *
 * <p>A variational autoencoder's encoder ends in a linear head (μ | log σ²), see
 * {@link ArchitectureSpec}; its decoder starts from the latent width. Inference never corrupts and
 * uses z = μ.
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
    private final Network network;

    private Autoencoder(ArchitectureSpec spec, boolean trainable) {
        this(spec, buildLayers(spec, trainable), spec.encoder().length + (spec.isVariational() ? 1 : 0));
    }

    /** A model over existing layers (shared, not copied): a stage of a stacked run. */
    private Autoencoder(ArchitectureSpec spec, Dense[] layers, int encoderLayers) {
        this.spec = spec;
        this.layers = layers;
        this.encoderLayers = encoderLayers;
        List<float[]> p = new ArrayList<>();
        List<float[]> g = new ArrayList<>();
        for (Dense d : layers) {
            if (!d.tied()) {
                p.add(d.weight());
                g.add(d.weightGrad());
            }
            p.add(d.bias());
            g.add(d.biasGrad());
        }
        this.parameters = Collections.unmodifiableList(p);
        this.gradients = layers[0].trainable() ? Collections.unmodifiableList(g) : List.of();
        this.network = new Network(layers, encoderLayers, spec.variational(), spec.table(), spec.multimodal());
    }

    private static Dense[] buildLayers(ArchitectureSpec spec, boolean trainable) {
        int[] w = spec.widths();
        if (spec.isVariational()) {
            // w = input, hidden…, 2k (head) | k, hidden…, input: the head→latent step is sampling, not a layer
            int head = spec.encoder().length + 1;
            Dense[] layers = new Dense[w.length - 2];
            for (int l = 0; l < layers.length; l++) {
                int from = l < head ? l : l + 1;
                Activation f = l == layers.length - 1 ? spec.outputActivation()
                        : l == head - 1 ? Activation.LINEAR : spec.activation();
                layers[l] = dense(w[from], w[from + 1], f, trainable);
            }
            return layers;
        }
        int count = w.length - 1;
        int encoderLayers = spec.encoder().length;
        Dense[] layers = new Dense[count];
        for (int l = 0; l < count; l++) {
            Activation f = l == count - 1 ? spec.outputActivation()
                    : l == encoderLayers - 1 ? spec.codeActivation() : spec.activation();
            if (spec.tiedWeights() && l >= encoderLayers) {
                layers[l] = Dense.tiedTo(layers[count - 1 - l], f);
            } else {
                layers[l] = dense(w[l], w[l + 1], f, trainable);
                Multimodal mm = spec.multimodal();
                if (mm != null && l < mm.depth()) {
                    layers[l].withBlocks(mm.blocks(l), mm.blocks(l + 1));          // the modalities' branches
                } else if (mm != null && l >= count - mm.depth()) {
                    int j = count - 1 - l;                                          // mirrors branch layer j
                    layers[l].withBlocks(mm.blocks(j + 1), mm.blocks(j));
                }
            }
        }
        return layers;
    }

    private static Dense dense(int in, int out, Activation f, boolean trainable) {
        return trainable ? Dense.create(in, out, f) : Dense.forInference(in, out, f);
    }

    /**
     * A freshly initialized model, deterministic in {@code seed}: layers in order draw their weight
     * and then their bias from U(−1/√in, 1/√in) (PyTorch's {@code nn.Linear} default).
     */
    public static Autoencoder initialize(ArchitectureSpec spec, long seed) {
        Problem.require(spec.problems());
        Autoencoder a = new Autoencoder(spec, true);
        SplitMix64 rng = new SplitMix64(seed);
        for (Dense d : a.layers) {
            d.initialize(rng);
        }
        return a;
    }

    /**
     * A model for inference only, its parameters 0 until {@link #setParameters} or a write into {@link #parameters()}
     * (a model file read back): it holds no gradient arrays, so it weighs its parameters and no more, and cannot be
     * trained.
     */
    public static Autoencoder forInference(ArchitectureSpec spec) {
        Problem.require(spec.problems());
        return new Autoencoder(spec, false);
    }

    /** The float values its gradient arrays hold: as many as its parameters, or 0 for a model {@link #forInference}. */
    public long gradientValues() {
        long n = 0;
        for (float[] g : gradients) {
            n += g.length;
        }
        return n;
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

    public boolean isVariational() {
        return spec.isVariational();
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

    /** rows(count, inputDim) → codes(count, codeDim); a variational autoencoder returns μ. */
    public float[] encode(float[] rows, int count) {
        checkRows(rows, count, inputDim(), "rows");
        float[] h = run(rows, count, 0, encoderLayers);
        if (!isVariational()) {
            return h;
        }
        float[] mu = new float[count * codeDim()];
        ArrayOps.copyColumns(h, count, 2 * codeDim(), 0, codeDim(), mu);
        return mu;
    }

    /** rows(count, inputDim) → log σ²(count, latentDim) of a variational autoencoder. */
    public float[] encodeLogVariance(float[] rows, int count) {
        requireVariational("encodeLogVariance");
        checkRows(rows, count, inputDim(), "rows");
        float[] h = run(rows, count, 0, encoderLayers);
        float[] logVar = new float[count * codeDim()];
        ArrayOps.copyColumns(h, count, 2 * codeDim(), codeDim(), codeDim(), logVar);
        return logVar;
    }

    /** VAE only: rows(count, inputDim) → the encoder's head (count, 2·latentDim), μ then log σ² per row. */
    public float[] encodeHead(float[] rows, int count) {
        requireVariational("encodeHead");
        checkRows(rows, count, inputDim(), "rows");
        return run(rows, count, 0, encoderLayers);
    }

    /** codes(count, codeDim) → the output layer's pre-activation (count, inputDim): a SIGMOID output's logits. */
    public float[] decodeLogits(float[] codes, int count) {
        checkRows(codes, count, codeDim(), "codes");
        float[] x = run(codes, count, encoderLayers, layers.length - 1);
        float[] y = new float[count * inputDim()];
        layers[layers.length - 1].forwardOnce(ComputeContext.serial(), x, count, y, false);
        return y;
    }

    /**
     * codes(count, codeDim) → reconstructions(count, inputDim), output activation applied (over a typed
     * table: at numeric positions; each categorical block holds its level probabilities).
     */
    public float[] decode(float[] codes, int count) {
        checkRows(codes, count, codeDim(), "codes");
        return output(run(codes, count, encoderLayers, layers.length - 1), count);
    }

    /** rows(count, inputDim) → reconstructions(count, inputDim) as {@link #decode} gives them; never corrupts; z = μ for a VAE. */
    public float[] reconstruct(float[] rows, int count) {
        checkRows(rows, count, inputDim(), "rows");
        float[] hidden = isVariational() ? run(encode(rows, count), count, encoderLayers, layers.length - 1)
                : run(rows, count, 0, layers.length - 1);
        return output(hidden, count);
    }

    /** rows(count, inputDim) → the output layer's pre-activation (count, inputDim), as {@link #reconstruct} runs it. */
    public float[] reconstructLogits(float[] rows, int count) {
        checkRows(rows, count, inputDim(), "rows");
        float[] hidden = isVariational() ? run(encode(rows, count), count, encoderLayers, layers.length - 1)
                : run(rows, count, 0, layers.length - 1);
        Dense out = layers[layers.length - 1];
        float[] y = new float[count * out.out()];
        out.forwardOnce(ComputeContext.serial(), hidden, count, y, false);
        return y;
    }

    /** The output layer on {@code x(count, ·)}: its activation, or over a typed table the {@link OutputHeads}. */
    private float[] output(float[] x, int count) {
        Dense out = layers[layers.length - 1];
        float[] y = new float[count * out.out()];
        out.forwardOnce(ComputeContext.serial(), x, count, y, spec.table() == null);
        if (spec.table() != null) {
            OutputHeads.activateInPlace(y, count, spec.table(), spec.outputActivation());
        }
        return y;
    }

    /** VAE only: {@code count} draws z ~ N(0, I) from {@code seed}, decoded (output activation applied). */
    public float[] sample(int count, long seed) {
        requireVariational("sample");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        float[] z = new float[count * codeDim()];
        Draws.gaussian(z, z.length, new SplitMix64(seed));
        return output(run(z, count, encoderLayers, layers.length - 1), count);
    }

    /** Mean over the rows of ‖∂h/∂x‖²_F for the whole encoder (h the code; μ for a VAE), computed exactly. */
    public double jacobianFrobeniusSquared(float[] rows, int count) {
        checkRows(rows, count, inputDim(), "rows");
        return jacobianFrobeniusSquared(ComputeContext.serial(), rows, count);
    }

    /** As {@link #jacobianFrobeniusSquared(float[], int)}, splitting the GEMMs over {@code ctx}'s threads. */
    double jacobianFrobeniusSquared(ComputeContext ctx, float[] rows, int count) {
        float[][] act = new float[encoderLayers][];
        float[] x = rows;
        for (int l = 0; l < encoderLayers; l++) {
            act[l] = new float[count * layers[l].out()];
            layers[l].forwardOnce(ctx, x, count, act[l], true);
            x = act[l];
        }
        return JacobianPenalty.exactMeanFrobeniusSquared(ctx, Arrays.copyOf(layers, encoderLayers), codeDim(), act, count);
    }

    private void requireVariational(String what) {
        if (!isVariational()) {
            throw new IllegalStateException(what + " needs a variational autoencoder");
        }
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
            layers[l].forwardOnce(ctx, x, count, y, true);
            x = y;
        }
        return x;
    }

    // ------------------------------------------------------------ training (package-private)

    Dense[] layers() {
        return layers;
    }

    int encoderLayers() {
        return encoderLayers;
    }

    /** The layers as the objective's terms see them. */
    Network network() {
        return network;
    }

    /** Stage of a stacked run: layers {@code encoderLayer} and its mirror, as a one-hidden-layer model. */
    Autoencoder stage(int encoderLayer) {
        Dense enc = layers[encoderLayer];
        Dense dec = layers[layers.length - 1 - encoderLayer];
        ArchitectureSpec s = new ArchitectureSpec(enc.in(), new int[] {enc.out()}, null, enc.activation(),
                dec.activation(), dec.tied(), null, null, encoderLayer == 0 ? spec.table() : null);
        return new Autoencoder(s, new Dense[] {enc, dec}, 1);
    }

    /** rows(count, inputDim) → activations after the first {@code encoderLayer} layers, on ctx's threads. */
    float[] encodeThrough(ComputeContext ctx, float[] rows, int count, int encoderLayer) {
        float[] x = rows;
        for (int l = 0; l < encoderLayer; l++) {
            float[] y = new float[count * layers[l].out()];
            layers[l].forwardOnce(ctx, x, count, y, true);
            x = y;
        }
        return x;
    }

    List<float[]> gradients() {
        if (!layers[0].trainable()) {
            throw new IllegalStateException("a model built for inference cannot be trained");
        }
        return gradients;
    }

    /** What a {@link #step} computes: training corrupts the inputs and writes gradients; evaluation does neither. */
    enum Mode {
        /** Corrupt (if the objective has noise), every term, backward. */
        TRAIN(true, true),
        /** Clean inputs, the terms evaluated batch by batch, no backward. */
        EVALUATE(false, false),
        /** As {@link #EVALUATE}, but with the objective's corruption. */
        EVALUATE_CORRUPTED(true, false);

        final boolean corrupts;
        final boolean backward;

        Mode(boolean corrupts, boolean backward) {
            this.corrupts = corrupts;
            this.backward = backward;
        }
    }

    /** Buffers for batches of up to {@code capacity} rows under one objective, and the last step's metrics. */
    final class Workspace {
        final int capacity;
        final Objective objective;
        final float[] input;
        final float[] corrupted;
        /** Over a typed table, (capacity, columns): which cells of the batch are observed; else null. */
        final float[] observed;
        /** Whether {@link #observed} holds the batch's flags; when false every cell counts as observed. */
        boolean observing;
        final float[][] act;
        final float[][] grad;
        final Pass pass;
        /** The last step's value of every metric of the objective, per row. */
        final double[] metrics;

        Workspace(int capacity, Objective objective) {
            this.capacity = capacity;
            this.objective = objective;
            int samples = network().samples();
            this.input = new float[capacity * inputDim()];
            this.corrupted = objective.corruption() == null && objective.presentation() == null ? null
                    : new float[capacity * inputDim()];
            this.observed = spec.table() == null ? null : new float[capacity * spec.table().columns()];
            this.act = new float[layers.length][];
            this.grad = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                int rows = l < encoderLayers ? capacity : capacity * samples;
                act[l] = new float[rows * layers[l].out()];
                grad[l] = new float[rows * layers[l].out()];
            }
            this.pass = new Pass(network(), act, grad);
            this.metrics = new double[objective.metricCount()];
        }

        /** The last step's value of the metric {@code name}. */
        double metric(String name) {
            List<Term> terms = objective.terms();
            for (int t = 0; t < terms.size(); t++) {
                int i = terms.get(t).metrics().indexOf(name);
                if (i >= 0) {
                    return metrics[objective.offset(t) + i];
                }
            }
            throw new IllegalArgumentException("no term reports " + name);
        }
    }

    Workspace workspace(int capacity, Objective objective) {
        return new Workspace(capacity, objective);
    }

    /**
     * One step on ws.input(m, inputDim): corrupt (as the mode says; a multimodal network's presentations in
     * training only), encode, draw the latent of a
     * variational network, decode, run the objective's terms (all of them in training; in evaluation
     * those evaluated batch by batch), and in training write every parameter gradient of their sum.
     * Returns the sum of the terms' values, per row; their metrics land in {@code ws.metrics}. Every
     * draw comes from {@code rng}: the corruption, then ε, then the terms' own (contractive probes).
     */
    double step(ComputeContext ctx, Workspace ws, int m, SplitMix64 rng, Mode mode) {
        Objective o = ws.objective;
        float[] x = ws.input;
        if (mode.corrupts && o.corruption() != null) {
            o.corruption().apply(ws.input, ws.corrupted, m * inputDim(), rng);
            x = ws.corrupted;
        }
        if (mode.backward && o.presentation() != null) {
            if (x != ws.corrupted) {
                System.arraycopy(ws.input, 0, ws.corrupted, 0, m * inputDim());
                x = ws.corrupted;
            }
            o.presentation().applyInPlace(x, m, rng);
        }
        ws.pass.begin(ctx, rng, m, ws.input, x, ws.observing ? ws.observed : null);
        forward(ctx, ws, m, x);
        double total = 0;
        for (int t = 0; t < o.termCount(); t++) {
            if (mode.backward || o.term(t).batchwiseWhenHeldOut()) {
                total += o.term(t).forward(ws.pass, ws.metrics, o.offset(t));
            }
        }
        if (mode.backward) {
            backward(ctx, ws, m);
        }
        return total;
    }

    private boolean outputTakesLogits(Objective o) {
        return o.reconstruction() != null && o.reconstruction().usesLogits();
    }

    private void forward(ComputeContext ctx, Workspace ws, int m, float[] x) {
        int code = encoderLayers - 1;
        int last = layers.length - 1;
        for (int l = 0; l <= code; l++) {
            layers[l].forward(ctx, x, m, ws.act[l], true);
            x = ws.act[l];
        }
        GaussianKl latent = ws.objective.latent();
        if (latent != null) {
            x = latent.sample(ws.pass);
        }
        int md = m * network().samples();
        boolean logits = outputTakesLogits(ws.objective);
        for (int l = code + 1; l <= last; l++) {
            layers[l].forward(ctx, x, md, ws.act[l], l < last || !logits);
            x = ws.act[l];
        }
    }

    /**
     * From the output gradient the reconstruction wrote, layer by layer to the input. grad[l] holds
     * ∂L/∂z_l (the pre-activation) once layer l+1's backward has written it, fused with f'_l, unless a
     * term adds to ∂L/∂h_l (or l is a variational head, whose gradient comes from the latent): then the
     * layer above writes ∂L/∂h_l, the terms add theirs, and f'_l is applied after.
     */
    private void backward(ComputeContext ctx, Workspace ws, int m) {
        Objective o = ws.objective;
        Pass pass = ws.pass;
        GaussianKl latent = o.latent();
        int code = encoderLayers - 1;
        int last = layers.length - 1;
        int md = m * network().samples();
        if (o.reconstruction() == null) {
            Arrays.fill(ws.grad[last], 0, md * inputDim(), 0f);
        } else if (!o.reconstruction().usesLogits()) {
            Kernels.activationBackwardInPlace(ctx, ws.grad[last], ws.act[last], md * inputDim(),
                    layers[last].activation().nonlinearity());
        }
        for (int l = last; l >= 0; l--) {
            for (int t = 0; t < o.termCount(); t++) {
                o.term(t).addToPreActivationGradient(pass, l, ws.grad[l]);
            }
            int rows = l > code ? md : m;
            if (l == 0) {
                layers[0].backward(ctx, pass.encoderInput(), ws.grad[0], m, null, Nonlinearity.LINEAR);
                break;
            }
            int below = l - 1;
            boolean intoLatent = latent != null && below == code;
            boolean split = intoLatent || addsToOutputGradient(o, below);
            float[] in = intoLatent ? latent.sampled() : ws.act[below];
            float[] dx = intoLatent ? latent.latentGradient() : ws.grad[below];
            layers[l].backward(ctx, in, ws.grad[l], rows, dx, split ? Nonlinearity.LINEAR
                    : layers[below].activation().nonlinearity());
            if (intoLatent) {
                latent.backward(pass, ws.grad[code]);   // the head is linear: ∂L/∂h is ∂L/∂z
            } else if (split) {
                for (int t = 0; t < o.termCount(); t++) {
                    if (o.term(t).addsToOutputGradient(below)) {
                        o.term(t).addToOutputGradient(pass, below, ws.grad[below]);
                    }
                }
                int belowRows = below > code ? md : m;
                Kernels.activationBackwardInPlace(ctx, ws.grad[below], ws.act[below], belowRows * layers[below].out(),
                        layers[below].activation().nonlinearity());
            }
        }
        for (int t = 0; t < o.termCount(); t++) {
            o.term(t).addToParameterGradients(pass);
        }
        for (Dense layer : layers) {
            layer.keepBlocksApart();   // a term's dense gradient (the contractive one's) must not reach across branches
        }
    }

    private static boolean addsToOutputGradient(Objective o, int layer) {
        for (int t = 0; t < o.termCount(); t++) {
            if (o.term(t).addsToOutputGradient(layer)) {
                return true;
            }
        }
        return false;
    }
}
