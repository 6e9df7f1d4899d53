package dev.hourglass.engine.objective;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Dense;

/**
 * λ‖W‖² over every weight, not the biases. Its gradient 2λW is added inside the optimizer's fused
 * update ({@link #decayFactor}), so it costs no pass over the parameters; its value costs one per
 * batch, and none when λ = 0. Metric: "weightDecay" (0 when λ = 0).
 */
public final class WeightDecay implements Term {

    private final float lambda;
    /** Per parameter array in the network's order (each layer's own weight, then its bias). */
    private final boolean[] isWeight;
    private final List<float[]> weights = new ArrayList<>();

    WeightDecay(Network network, float lambda) {
        this.lambda = lambda;
        List<Boolean> kinds = new ArrayList<>();
        for (Dense d : network.layers()) {
            if (!d.tied()) {
                weights.add(d.weight());
                kinds.add(true);
            }
            kinds.add(false);
        }
        this.isWeight = new boolean[kinds.size()];
        for (int i = 0; i < isWeight.length; i++) {
            isWeight[i] = kinds.get(i);
        }
    }

    @Override
    public List<String> metrics() {
        return List.of("weightDecay");
    }

    @Override
    public double forward(Pass pass, double[] values, int offset) {
        values[offset] = value();
        return values[offset];
    }

    private double value() {
        if (lambda <= 0f) {
            return 0.0;
        }
        double s = 0;
        for (float[] w : weights) {
            s += Kernels.sumOfSquares(w, w.length);
        }
        return lambda * s;
    }

    @Override
    public float decayFactor(int parameter) {
        return isWeight[parameter] ? 2f * lambda : 0f;
    }

    /** It does not depend on the rows: taken once per epoch from the weights. */
    @Override
    public boolean batchwiseWhenHeldOut() {
        return false;
    }

    @Override
    public double heldOut(HeldOut rows, Map<String, Double> metrics) {
        return value();
    }
}
