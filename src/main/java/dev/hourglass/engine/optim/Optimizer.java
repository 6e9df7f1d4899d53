package dev.hourglass.engine.optim;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.kernel.Kernels.UpdateRule;

/**
 * Updates a fixed list of parameter arrays from their gradient arrays, all in one fused pass per
 * step. Its state (the step count and one or two moment arrays per parameter) can be extracted and
 * restored for checkpoints.
 */
public final class Optimizer {

    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPSILON = 1e-8f;

    private final OptimizerKind kind;
    private final float learningRate;
    private final float momentum;
    private final float[][] params;
    private final float[][] grads;
    private final float[][] first;
    private final float[][] second;
    private final float[] decay2;
    private long steps;

    /**
     * @param decay2 per parameter array, the factor of the weight-decay gradient term decay2·w
     *               (2λ for weights, 0 for biases)
     */
    public Optimizer(OptimizerKind kind, float learningRate, float momentum, List<float[]> params, List<float[]> grads,
                     float[] decay2) {
        if (params.size() != grads.size() || params.size() != decay2.length) {
            throw new IllegalArgumentException("params, grads and decay factors differ in count");
        }
        this.kind = kind;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.params = params.toArray(new float[0][]);
        this.grads = grads.toArray(new float[0][]);
        this.decay2 = decay2.clone();
        int slots = slotsPerParameter(kind);
        this.first = slots >= 1 ? zerosLike(this.params) : null;
        this.second = slots >= 2 ? zerosLike(this.params) : null;
    }

    private static float[][] zerosLike(float[][] params) {
        float[][] z = new float[params.length][];
        for (int i = 0; i < params.length; i++) {
            z[i] = new float[params[i].length];
        }
        return z;
    }

    /** Moment arrays kept per parameter array: 0 for SGD, 1 for momentum, 2 for Adam. */
    public static int slotsPerParameter(OptimizerKind kind) {
        return switch (kind) {
            case SGD -> 0;
            case MOMENTUM -> 1;
            case ADAM -> 2;
        };
    }

    public OptimizerKind kind() {
        return kind;
    }

    public long steps() {
        return steps;
    }

    /** Applies one update to every parameter from its current gradient. */
    public void step(ComputeContext ctx) {
        steps++;
        switch (kind) {
            case SGD -> Kernels.update(ctx, UpdateRule.SGD, params, grads, null, null, decay2, learningRate,
                    0f, 0f, 0f, 0f, 0f);
            case MOMENTUM -> Kernels.update(ctx, UpdateRule.MOMENTUM, params, grads, first, null, decay2,
                    learningRate, momentum, 0f, 0f, 0f, 0f);
            case ADAM -> {
                // bias corrections in double, as PyTorch computes them in Python floats
                double bc1 = 1.0 - Math.pow(BETA1, steps);
                double bc2 = 1.0 - Math.pow(BETA2, steps);
                Kernels.update(ctx, UpdateRule.ADAM, params, grads, first, second, decay2,
                        (float) (-learningRate / bc1), 0f, BETA1, BETA2, (float) Math.sqrt(bc2), EPSILON);
            }
        }
    }

    /** Copies of the moment arrays: for each slot in order (first, then second moments), one array per parameter. */
    public List<float[]> stateCopy() {
        List<float[]> out = new ArrayList<>();
        for (float[][] slot : new float[][][] {first, second}) {
            if (slot != null) {
                for (float[] a : slot) {
                    out.add(a.clone());
                }
            }
        }
        return out;
    }

    /** Restores a state taken by {@link #stateCopy()} and the step count. */
    public void restore(long steps, List<float[]> state) {
        int slots = slotsPerParameter(kind);
        if (state.size() != slots * params.length) {
            throw new IllegalArgumentException("optimizer state has " + state.size() + " arrays, expected "
                    + slots * params.length + " for " + kind);
        }
        int i = 0;
        for (float[][] slot : new float[][][] {first, second}) {
            if (slot != null) {
                for (float[] a : slot) {
                    float[] src = state.get(i++);
                    if (src.length != a.length) {
                        throw new IllegalArgumentException("optimizer state array " + (i - 1) + " has length "
                                + src.length + ", expected " + a.length);
                    }
                    System.arraycopy(src, 0, a, 0, a.length);
                }
            }
        }
        this.steps = steps;
    }
}
