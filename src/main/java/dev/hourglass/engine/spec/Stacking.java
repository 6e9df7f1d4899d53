package dev.hourglass.engine.spec;

import java.util.List;

/**
 * Greedy layer-wise training: phase i trains h(i−1) → h_i → h(i−1) on the codes of phase i−1 for
 * {@code pretrainEpochs} epochs, then, if {@code fineTune}, the whole stack trains end to end for
 * the config's epochs.
 */
public record Stacking(int pretrainEpochs, boolean fineTune) {

    /** Everything wrong with this block, by field ("pretrainEpochs"; "" for the block as a whole). */
    public List<Problem> problems() {
        if (pretrainEpochs < 0) {
            return List.of(new Problem("pretrainEpochs", "must not be negative, got " + pretrainEpochs));
        }
        if (pretrainEpochs == 0 && !fineTune) {
            return List.of(new Problem("", "with no pretraining and no fine-tuning nothing would train"));
        }
        return List.of();
    }
}
