package dev.hourglass.engine.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch achieved.
 *
 * @param epoch            1-based, within the phase
 * @param epochs           epochs of the phase
 * @param trainLoss        the objective (every term) averaged over the epoch's training rows
 * @param validationLoss   the whole objective (every term, weight decay included) on the validation rows
 *                         after the epoch, inputs NOT corrupted; NaN if there are none
 * @param terms            the terms' metrics in term order (see {@code dev.hourglass.engine.objective}):
 *                         "reconstruction", "weightDecay", and as they apply "sparsityKl", "meanActivation",
 *                         "contractive", "jacobianFrobenius", "kl", "elbo", "reconstructionClean",
 *                         "reconstructionCorrupted"
 * @param seconds          wall time of the whole epoch, validation included
 * @param samplesPerSecond training rows per second of the training loop (validation excluded)
 * @param phase            "train" for a single stage; "pretrain-1", "pretrain-2", …, "fine-tune" when stacked
 * @param runEpoch         this epoch counted over every phase of the run, 1-based
 * @param runEpochs        epochs of every phase of the run
 */
public record EpochReport(int epoch, int epochs, double trainLoss, double validationLoss, Map<String, Double> terms,
                          double seconds, double samplesPerSecond, String phase, int runEpoch, int runEpochs) {

    public EpochReport {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        if (phase == null) {
            phase = "train";
        }
    }

    /** The report of a single-phase run's epoch. */
    public EpochReport(int epoch, int epochs, double trainLoss, double validationLoss, Map<String, Double> terms,
                       double seconds, double samplesPerSecond) {
        this(epoch, epochs, trainLoss, validationLoss, terms, seconds, samplesPerSecond, "train", epoch, epochs);
    }
}
