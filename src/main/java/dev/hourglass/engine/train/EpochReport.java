package dev.hourglass.engine.train;

import java.util.Map;

/**
 * What one epoch achieved.
 *
 * @param epoch            1-based
 * @param trainLoss        the objective (all terms) averaged over the epoch's training rows
 * @param validationLoss   reconstruction loss on the validation rows after the epoch; NaN if there are none
 * @param terms            the parts of trainLoss: "reconstruction", "weightDecay"
 * @param seconds          wall time of the whole epoch, validation included
 * @param samplesPerSecond training rows per second of the training loop (validation excluded)
 */
public record EpochReport(int epoch, int epochs, double trainLoss, double validationLoss, Map<String, Double> terms,
                          double seconds, double samplesPerSecond) {

    public EpochReport {
        terms = Map.copyOf(terms);
    }
}
