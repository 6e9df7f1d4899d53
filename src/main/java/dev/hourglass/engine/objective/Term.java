package dev.hourglass.engine.objective;

import java.util.List;
import java.util.Map;

/**
 * One additive part of a training objective: its value on a batch, its exact gradient, the metrics it
 * reports and the state it keeps between batches.
 *
 * <p>The network runs one fixed pass and calls its terms at fixed points, so a term never branches on
 * what the others are. Forward: after the network's forward pass, every term's {@link #forward} in
 * the objective's order (terms that draw random numbers draw them here, in that order). Backward,
 * from the last layer to the first: the output gradient that the {@link Reconstruction} term wrote;
 * at each layer, first {@link #addToOutputGradient} (∂term/∂h on the activated output, for the layers
 * where {@link #addsToOutputGradient} says so), then {@link #addToPreActivationGradient} (∂term/∂z),
 * then the layer's own backward; after the last layer, {@link #addToParameterGradients}. An L2
 * penalty's gradient c·θ needs no pass of its own: {@link #decayFactor} hands c to the optimizer's
 * fused update.
 *
 * <p>Per epoch the trainer sums each metric over the batches (value × rows), and asks the term for its
 * contribution to the training loss and its metrics from those sums. On held-out rows a term is
 * evaluated batch by batch like in training, or, if {@link #batchwiseWhenHeldOut} is false, once by
 * {@link #heldOut} (a penalty whose training value is a stochastic estimate, or that does not depend
 * on the rows).
 */
public interface Term {

    /** Names of the metrics this term reports per epoch, its own value first. */
    List<String> metrics();

    /**
     * The term on the batch in {@code pass}, after the network's forward pass; keeps what its gradient
     * needs. Writes the batch's value of each of its {@link #metrics} (a mean per row) into
     * {@code values[offset …]} and returns its contribution to the objective, per row.
     */
    double forward(Pass pass, double[] values, int offset);

    /** Whether {@link #addToOutputGradient} applies to layer {@code layer}. */
    default boolean addsToOutputGradient(int layer) {
        return false;
    }

    /** dh(m, out) += ∂term/∂h of {@code layer}, h its activated output; called before f' is applied. */
    default void addToOutputGradient(Pass pass, int layer, float[] dh) {
    }

    /** dz(m, out) += ∂term/∂z of {@code layer}, z its pre-activation; called before the layer's own backward. */
    default void addToPreActivationGradient(Pass pass, int layer, float[] dz) {
    }

    /** Adds the term's direct parameter gradients, after every layer's backward wrote its own. */
    default void addToParameterGradients(Pass pass) {
    }

    /**
     * For parameter array {@code parameter} (in the network's order), c of a gradient c·θ that the
     * optimizer adds inside its fused update; 0 for none.
     */
    default float decayFactor(int parameter) {
        return 0f;
    }

    /** The epoch's contribution to the training loss, summed over rows (default: its first metric). */
    default double epochContribution(EpochSums sums) {
        return sums.sum(metrics().get(0));
    }

    /** Puts the epoch's metrics into {@code out} (default: each metric's mean over the epoch's rows). */
    default void epochMetrics(EpochSums sums, Map<String, Double> out) {
        for (String name : metrics()) {
            out.put(name, sums.mean(name));
        }
    }

    /** Whether the held-out objective evaluates this term batch by batch, as in training. */
    default boolean batchwiseWhenHeldOut() {
        return true;
    }

    /**
     * The term's contribution to the held-out objective, computed once on {@code rows} when
     * {@link #batchwiseWhenHeldOut} is false; it may add diagnostics to {@code metrics}.
     */
    default double heldOut(HeldOut rows, Map<String, Double> metrics) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is evaluated batch by batch");
    }

    /** State the term carries from batch to batch, for a checkpoint (none by default). */
    default List<float[]> state() {
        return List.of();
    }

    /** Restores what {@link #state} returned. */
    default void restore(List<float[]> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " keeps no state, got " + state.size()
                    + " arrays");
        }
    }
}
