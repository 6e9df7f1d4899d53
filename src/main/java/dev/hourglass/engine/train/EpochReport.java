package dev.hourglass.engine.train;

import java.util.Map;

/**
 * What one epoch achieved.
 *
 * @param epoch            1-based
 * @param trainLoss        the objective (all terms) averaged over the epoch's training rows
 * @param epoch            1-based, within the phase
 * @param epochs           epochs of the phase
 * @param validationLoss   the whole objective (every term, weight decay included) on the validation rows
 *                         after the epoch, inputs NOT corrupted; NaN if there are none
 * @param terms            named parts and diagnostics, see {@link Trainer}: "reconstruction", "weightDecay",
 *                         and as they apply "sparsityKl", "meanActivation", "contractive",
 *                         "jacobianFrobenius", "kl", "elbo", "reconstructionClean", "reconstructionCorrupted"
 * @param seconds          wall time of the whole epoch, validation included
 * @param samplesPerSecond training rows per second of the training loop (validation excluded)
 * @param phase            "train" for a single stage; "pretrain-1", "pretrain-2", …, "fine-tune" when stacked
 */
public record EpochReport(int epoch, int epochs, double trainLoss, double validationLoss, Map<String, Double> terms,
                          double seconds, double samplesPerSecond, String phase) {

    public EpochReport {
        terms = Map.copyOf(terms);
        if (phase == null) {
            phase = "train";
        }
    }

    public EpochReport(int epoch, int epochs, double trainLoss, double validationLoss, Map<String, Double> terms,
                       double seconds, double samplesPerSecond) {
        this(epoch, epochs, trainLoss, validationLoss, terms, seconds, samplesPerSecond, "train");
    }
}
