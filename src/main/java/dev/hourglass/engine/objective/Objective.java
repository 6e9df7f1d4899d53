package dev.hourglass.engine.objective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hourglass.engine.layer.Corruption;
import dev.hourglass.engine.layer.Presentation;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.TrainingConfig;

/**
 * What a network trains to minimize: the input corruption (if any) and the sum of its terms, with the
 * buffers of its terms sized for batches of up to {@code capacity} rows. {@link #create} is the one
 * place where a spec's blocks become terms; their order is the order in which they run, draw random
 * numbers and add up.
 */
public final class Objective {

    private final Corruption corruption;
    private final Presentation presentation;
    private final List<Term> terms;
    /** The terms again, for the training loop: iterating an array allocates nothing. */
    private final Term[] array;
    private final Reconstruction reconstruction;
    private final GaussianKl latent;
    private final List<String> metricNames = new ArrayList<>();
    private final int[] offsets;

    private Objective(Corruption corruption, Presentation presentation, List<Term> terms) {
        this.corruption = corruption;
        this.presentation = presentation;
        this.terms = List.copyOf(terms);
        this.array = terms.toArray(new Term[0]);
        this.reconstruction = find(Reconstruction.class).orElse(null);
        this.latent = find(GaussianKl.class).orElse(null);
        this.offsets = new int[terms.size()];
        for (int t = 0; t < terms.size(); t++) {
            offsets[t] = metricNames.size();
            for (String name : terms.get(t).metrics()) {
                if (metricNames.contains(name)) {
                    throw new IllegalArgumentException("two terms report the metric " + name);
                }
                metricNames.add(name);
            }
        }
    }

    /**
     * The objective of {@code config} on {@code network}: reconstruction (by {@code loss}, or the
     * variational likelihood), weight decay, then a term per penalty block (KL sparsity, contractive)
     * and the Gaussian KL of a variational network, the alignment of a multimodal one's codes; the noise block
     * becomes the input corruption, a multimodal network's modalities its presentations.
     */
    public static Objective create(Network network, TrainingConfig config, LossKind loss, int capacity) {
        List<Term> terms = new ArrayList<>();
        terms.add(new Reconstruction(network, loss, capacity));
        terms.add(new WeightDecay(network, config.weightDecay()));
        Regularization r = config.regularization();
        if (r.sparsity() != null) {
            terms.add(new KlSparsity(r.sparsity(), network));
        }
        if (r.contractive() != null) {
            terms.add(new JacobianPenalty(r.contractive(), network, capacity));
        }
        if (network.variational() != null) {
            terms.add(new GaussianKl(network.variational(), network, capacity));
        }
        Multimodal mm = network.multimodal();
        if (mm != null && mm.alignment() > 0) {
            terms.add(new Alignment(mm, network, capacity));
        }
        return new Objective(r.noise() == null ? null : new Corruption(r.noise()),
                mm == null || mm.singleModalityFraction() == 0 ? null : new Presentation(mm), terms);
    }

    /** An objective of the given terms alone (a variational network needs its {@link GaussianKl}). */
    public static Objective of(Corruption corruption, List<Term> terms) {
        return new Objective(corruption, null, terms);
    }

    /** The input corruption of training batches; null when inputs enter clean. */
    public Corruption corruption() {
        return corruption;
    }

    /** How a multimodal network's training rows are presented (one modality alone or all); null otherwise. */
    public Presentation presentation() {
        return presentation;
    }

    /** The terms in the order they run. */
    public List<Term> terms() {
        return terms;
    }

    public int termCount() {
        return array.length;
    }

    /** Term {@code t} in the order they run. */
    public Term term(int t) {
        return array[t];
    }

    /** The term that writes the output gradient; null in an objective without one (its output gradient is 0). */
    public Reconstruction reconstruction() {
        return reconstruction;
    }

    /** The reparameterized latent of a variational network; null for a deterministic one. */
    public GaussianKl latent() {
        return latent;
    }

    /** The first term of the given class. */
    public <T extends Term> Optional<T> find(Class<T> type) {
        return terms.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Where term {@code t} writes its metrics in a values array. */
    public int offset(int t) {
        return offsets[t];
    }

    public int metricCount() {
        return metricNames.size();
    }

    int metricIndex(String name) {
        int i = metricNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no term reports " + name);
        }
        return i;
    }

    /** An empty accumulator of this objective's metrics over an epoch. */
    public EpochSums newSums() {
        return new EpochSums(this);
    }

    /** The epoch's training loss, mean per row: every term's contribution, in term order. */
    public double epochLoss(EpochSums sums) {
        double total = 0;
        for (Term t : terms) {
            total += t.epochContribution(sums);
        }
        return total / sums.rows();
    }

    /** The epoch's metrics of every term, in term order. */
    public Map<String, Double> epochMetrics(EpochSums sums) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Term t : terms) {
            t.epochMetrics(sums, out);
        }
        return out;
    }

    /** Per parameter array, the sum of the terms' decay factors (see {@link Term#decayFactor}). */
    public float[] decayFactors(int parameters) {
        float[] c = new float[parameters];
        for (int p = 0; p < parameters; p++) {
            for (Term t : terms) {
                c[p] += t.decayFactor(p);
            }
        }
        return c;
    }

    /** The terms' state for a checkpoint: per term, its array count, then its arrays. */
    public List<float[]> state() {
        List<float[]> out = new ArrayList<>();
        for (Term t : terms) {
            List<float[]> s = t.state();
            out.add(new float[] {s.size()});
            s.forEach(a -> out.add(a.clone()));
        }
        return out;
    }

    /** Restores what {@link #state()} returned (an empty list: nothing to restore). */
    public void restore(List<float[]> state) {
        if (state.isEmpty()) {
            terms.forEach(t -> t.restore(List.of()));
            return;
        }
        int i = 0;
        for (Term t : terms) {
            if (i >= state.size() || state.get(i).length != 1) {
                throw new IllegalArgumentException("term state does not match the objective's terms");
            }
            int count = (int) state.get(i++)[0];
            if (count < 0 || i + count > state.size()) {
                throw new IllegalArgumentException("term state does not match the objective's terms");
            }
            t.restore(state.subList(i, i + count));
            i += count;
        }
        if (i != state.size()) {
            throw new IllegalArgumentException("term state has " + (state.size() - i) + " arrays too many");
        }
    }
}
