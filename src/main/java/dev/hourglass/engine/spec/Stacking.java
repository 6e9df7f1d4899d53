package dev.hourglass.engine.spec;

/**
 * Greedy layer-wise training: phase i trains h(i−1) → h_i → h(i−1) on the codes of phase i−1 for
 * {@code pretrainEpochs} epochs, then, if {@code fineTune}, the whole stack trains end to end for
 * the config's epochs.
 */
public record Stacking(int pretrainEpochs, boolean fineTune) {

    public Stacking {
        if (pretrainEpochs < 0) {
            throw new IllegalArgumentException("pretrainEpochs must not be negative: " + pretrainEpochs);
        }
    }
}
