package dev.hourglass.engine.train;

import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Variational;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Nonlinearity;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.Dense;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.loss.ReconstructionLoss;
import dev.hourglass.engine.layer.Corruption;
import dev.hourglass.engine.regularizer.GaussianKl;
import dev.hourglass.engine.regularizer.JacobianPenalty;
import dev.hourglass.engine.regularizer.KlSparsity;
import dev.hourglass.engine.random.SplitMix64;

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
    private final boolean[] isWeight;

    private Autoencoder(ArchitectureSpec spec) {
        this(spec, buildLayers(spec), spec.encoder().length + (spec.isVariational() ? 1 : 0));
    }

    /** A model over existing layers (shared, not copied): a stage of a stacked run. */
    private Autoencoder(ArchitectureSpec spec, Dense[] layers, int encoderLayers) {
        this.spec = spec;
        this.layers = layers;
        this.encoderLayers = encoderLayers;
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

    private static Dense[] buildLayers(ArchitectureSpec spec) {
        int[] w = spec.widths();
        if (spec.isVariational()) {
            // w = input, hidden…, 2k (head) | k, hidden…, input: the head→latent step is sampling, not a layer
            int head = spec.encoder().length + 1;
            Dense[] layers = new Dense[w.length - 2];
            for (int l = 0; l < layers.length; l++) {
                int from = l < head ? l : l + 1;
                Activation f = l == layers.length - 1 ? spec.outputActivation()
                        : l == head - 1 ? Activation.LINEAR : spec.activation();
                layers[l] = Dense.create(w[from], w[from + 1], f);
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
                layers[l] = Dense.create(w[l], w[l + 1], f);
            }
        }
        return layers;
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

    /** codes(count, codeDim) → reconstructions(count, inputDim), output activation applied. */
    public float[] decode(float[] codes, int count) {
        checkRows(codes, count, codeDim(), "codes");
        return run(codes, count, encoderLayers, layers.length);
    }

    /** rows(count, inputDim) → reconstructions(count, inputDim); never corrupts; z = μ for a VAE. */
    public float[] reconstruct(float[] rows, int count) {
        checkRows(rows, count, inputDim(), "rows");
        if (isVariational()) {
            return run(encode(rows, count), count, encoderLayers, layers.length);
        }
        return run(rows, count, 0, layers.length);
    }

    /** VAE only: {@code count} draws z ~ N(0, I) from {@code seed}, decoded (output activation applied). */
    public float[] sample(int count, long seed) {
        requireVariational("sample");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        float[] z = new float[count * codeDim()];
        Draws.gaussian(z, z.length, new SplitMix64(seed));
        return run(z, count, encoderLayers, layers.length);
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
            layers[l].forward(ctx, x, count, act[l], true);
            x = act[l];
        }
        return JacobianPenalty.exactMeanFrobeniusSquared(ctx, java.util.Arrays.copyOf(layers, encoderLayers),
                codeDim(), act, count);
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
            layers[l].forward(ctx, x, count, y, true);
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

    /** Stage of a stacked run: layers {@code encoderLayer} and its mirror, as a one-hidden-layer model. */
    Autoencoder stage(int encoderLayer) {
        Dense enc = layers[encoderLayer];
        Dense dec = layers[layers.length - 1 - encoderLayer];
        ArchitectureSpec s = new ArchitectureSpec(enc.in(), new int[] {enc.out()}, null, enc.activation(),
                dec.activation(), dec.tied());
        return new Autoencoder(s, new Dense[] {enc, dec}, 1);
    }

    /** rows(count, inputDim) → activations after the first {@code encoderLayer} layers, on ctx's threads. */
    float[] encodeThrough(ComputeContext ctx, float[] rows, int count, int encoderLayer) {
        float[] x = rows;
        for (int l = 0; l < encoderLayer; l++) {
            float[] y = new float[count * layers[l].out()];
            layers[l].forward(ctx, x, count, y, true);
            x = y;
        }
        return x;
    }

    List<float[]> gradients() {
        return gradients;
    }

    /** Per parameter array, whether it is a weight (subject to weight decay). */
    boolean[] isWeight() {
        return isWeight.clone();
    }

    /**
     * What the training step computes besides reconstruction: corruption (noise), regularizers
     * (sparsity, contractive) and the loss; the latent slot (deterministic or reparameterized) comes
     * from the spec.
     */
    record Objective(LossKind loss, Noise noise, Sparsity sparsity, Contractive contractive) {

        static Objective plain(LossKind loss) {
            return new Objective(loss, null, null, null);
        }

        Objective withoutNoise() {
            return new Objective(loss, null, sparsity, contractive);
        }

        Objective withoutContractive() {
            return new Objective(loss, noise, sparsity, null);
        }
    }

    /** Buffers for batches of up to {@code capacity} rows, and the terms of the last step. */
    final class Workspace {
        final int capacity;
        final int samples;
        final float[] input;
        final float[] corrupted;
        final float[] target;
        final float[][] act;
        final float[][] grad;
        final Corruption corruption;
        final KlSparsity sparsity;
        final JacobianPenalty contractive;
        final GaussianKl latent;
        final Objective objective;
        // terms of the last step: means over its rows
        double reconstruction;
        double sparsityPenalty;
        double meanActivation;
        double contractivePenalty;
        double kl;

        Workspace(int capacity, Objective objective) {
            this.capacity = capacity;
            this.objective = objective;
            Variational vae = spec.variational();
            this.samples = vae == null ? 1 : vae.samples();
            this.input = new float[capacity * inputDim()];
            this.act = new float[layers.length][];
            this.grad = new float[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                int rows = l < encoderLayers ? capacity : capacity * samples;
                act[l] = new float[rows * layers[l].out()];
                grad[l] = new float[rows * layers[l].out()];
            }
            Noise noise = objective.noise();
            this.corruption = noise == null ? null : new Corruption(noise.kind() == NoiseKind.MASKING, noise.level());
            this.corrupted = noise == null ? null : new float[capacity * inputDim()];
            this.target = samples > 1 ? new float[capacity * samples * inputDim()] : input;
            this.sparsity = objective.sparsity() == null ? null
                    : new KlSparsity(objective.sparsity().target(), objective.sparsity().weight(), codeDim());
            this.contractive = objective.contractive() == null ? null
                    : new JacobianPenalty(objective.contractive().weight(),
                            java.util.Arrays.copyOf(layers, encoderLayers), capacity,
                            objective.contractive().scope() == Contractive.Scope.CODE_LAYER);
            this.latent = vae == null ? null : new GaussianKl(vae.latentDim(), samples, capacity);
        }
    }

    Workspace workspace(int capacity) {
        return new Workspace(capacity, Objective.plain(LossKind.MSE));
    }

    Workspace workspace(int capacity, Objective objective) {
        checkObjective(objective);
        return new Workspace(capacity, objective);
    }

    /** Rejects combinations the math does not cover, naming the reason. */
    void checkObjective(Objective o) {
        if (o.sparsity() != null) {
            Activation code = layers[encoderLayers - 1].activation();
            if (isVariational() || code != Activation.SIGMOID) {
                throw new IllegalArgumentException("sparsity needs a SIGMOID code layer (activations in (0, 1)), got "
                        + (isVariational() ? "a variational latent" : code));
            }
        }
        if (o.contractive() != null && isVariational()) {
            throw new IllegalArgumentException("the contractive penalty does not apply to a variational autoencoder");
        }
        Variational vae = spec.variational();
        boolean logits = vae != null ? vae.likelihood() == Likelihood.BERNOULLI : ReconstructionLoss.usesLogits(o.loss());
        if (logits && spec.outputActivation() != Activation.SIGMOID) {
            throw new IllegalArgumentException((vae != null ? "a BERNOULLI likelihood" : "BCE")
                    + " needs a SIGMOID output activation, got " + spec.outputActivation());
        }
    }

    /** Plain mean reconstruction loss of {@code ws.input} and, if {@code backward}, its gradients. */
    double lossAndGradients(ComputeContext ctx, Workspace ws, int m, LossKind loss, boolean backward) {
        return step(ctx, ws, m, Objective.plain(loss), null, backward);
    }

    /**
     * One training step on ws.input(m, inputDim): corrupt (if the objective has noise and rng is
     * given), encode, draw the latent (VAE), decode, score reconstruction against the clean rows plus
     * every penalty, and if {@code backward} write all parameter gradients of that total. Returns the
     * total per row (deterministic: mean reconstruction over m·n elements + penalties; VAE:
     * per-row reconstruction summed over features + β·KL). Terms land in {@code ws}. Weight decay is
     * not included (the optimizer applies it). The workspace's objective decides which buffers exist;
     * {@code o} may switch blocks off but not on. {@code rng} is required for a variational model and
     * for the contractive estimator of a deep encoder.
     */
    double step(ComputeContext ctx, Workspace ws, int m, Objective o, SplitMix64 rng, boolean backward) {
        int n = inputDim();
        int last = layers.length - 1;
        int code = encoderLayers - 1;
        Variational vae = spec.variational();
        int md = m * ws.samples;
        boolean logits = vae != null ? vae.likelihood() == Likelihood.BERNOULLI : ReconstructionLoss.usesLogits(o.loss());

        // corruption slot
        float[] x = ws.input;
        if (o.noise() != null && rng != null) {
            ws.corruption.apply(ws.input, ws.corrupted, m * n, rng);
            x = ws.corrupted;
        }
        float[] encoderInput = x;
        for (int l = 0; l <= code; l++) {
            layers[l].forward(ctx, x, m, ws.act[l], true);
            x = ws.act[l];
        }

        // latent slot
        if (vae != null) {
            x = ws.latent.sample(ws.act[code], m, rng);
        }
        for (int l = code + 1; l <= last; l++) {
            layers[l].forward(ctx, x, md, ws.act[l], l < last || !logits);
            x = ws.act[l];
        }

        // reconstruction against the clean rows
        double reconstruction;
        if (vae == null) {
            reconstruction = ReconstructionLoss.lossAndGradient(o.loss(), ws.act[last], ws.input, ws.grad[last], m, n);
        } else {
            for (int s = 0; ws.samples > 1 && s < ws.samples; s++) {   // one clean copy per replica of the batch
                System.arraycopy(ws.input, 0, ws.target, s * m * n, m * n);
            }
            float inv = 1f / md;
            reconstruction = vae.likelihood() == Likelihood.BERNOULLI
                    ? Kernels.binaryCrossEntropyWithLogits(ws.act[last], ws.target, ws.grad[last], md * n, inv) / md
                    : Kernels.squaredError(ws.act[last], ws.target, ws.grad[last], md * n, inv) / (2.0 * md);
        }
        ws.reconstruction = reconstruction;
        double total = reconstruction;

        // regularizer slot
        ws.sparsityPenalty = 0;
        ws.contractivePenalty = 0;
        ws.kl = 0;
        if (o.sparsity() != null) {
            ws.sparsityPenalty = ws.sparsity.forward(ctx, ws.act[code], m);
            ws.meanActivation = ws.sparsity.meanActivation();
            total += ws.sparsityPenalty;
        }
        if (o.contractive() != null) {
            ws.contractivePenalty = ws.contractive.forward(ctx, ws.act, m, rng);
            total += ws.contractivePenalty;
        }
        if (vae != null) {
            ws.kl = GaussianKl.klSum(ws.act[code], m, vae.latentDim()) / m;
            total += vae.klWeight() * ws.kl;
        }
        if (!backward) {
            return total;
        }

        // backward: grad[l] holds ∂L/∂z_l (pre-activation) once the layer above has written it
        if (!logits) {
            Kernels.activationBackwardInPlace(ctx, ws.grad[last], ws.act[last], md * n,
                    layers[last].activation().nonlinearity());
        }
        for (int l = last; l > code; l--) {
            boolean first = l == code + 1;
            float[] below = first ? (vae != null ? ws.latent.latent() : ws.act[code]) : ws.act[l - 1];
            float[] dx = first ? (vae != null ? ws.latent.zGradient() : ws.grad[code]) : ws.grad[l - 1];
            // into the code: ∂L/∂h itself when a penalty on h must join before f' (sparsity), or z (VAE)
            Nonlinearity g = first && (vae != null || o.sparsity() != null) ? Nonlinearity.LINEAR
                    : layers[l - 1].activation().nonlinearity();
            layers[l].backward(ctx, below, ws.grad[l], md, dx, g);
        }
        if (o.sparsity() != null) {
            ws.sparsity.backward(ws.grad[code], m);
            Kernels.activationBackwardInPlace(ctx, ws.grad[code], ws.act[code], m * layers[code].out(),
                    layers[code].activation().nonlinearity());
        }
        if (vae != null) {
            ws.latent.backward(ws.act[code], m, vae.klWeight() / m, ws.grad[code]);   // the head is linear: dz = dhead
        }
        for (int l = code; l >= 0; l--) {
            if (o.contractive() != null) {
                ArrayOps.addInPlace(ws.grad[l], ws.contractive.preActivationGradient(l), m * layers[l].out());
            }
            float[] in = l == 0 ? encoderInput : ws.act[l - 1];
            float[] dx = l == 0 ? null : ws.grad[l - 1];
            Nonlinearity g = l == 0 ? Nonlinearity.LINEAR : layers[l - 1].activation().nonlinearity();
            layers[l].backward(ctx, in, ws.grad[l], m, dx, g);
        }
        if (o.contractive() != null) {
            ws.contractive.accumulateWeightGradients(ctx);
        }
        return total;
    }
}
