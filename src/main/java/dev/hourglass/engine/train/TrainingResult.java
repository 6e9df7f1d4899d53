package dev.hourglass.engine.train;

/**
 * How a training run ended and which epoch's parameters the model holds.
 *
 * @param stop            why it ended
 * @param epochsCompleted epochs completed over every phase of the plan (a stacked run: pretraining and
 *                        fine-tuning), resumed ones included
 * @param modelEpoch      the epoch (counted the same way) whose parameters the model holds: the last
 *                        completed one, or with early stopping the best; 0 when no epoch completed
 * @param modelIsBest     whether that is early stopping's best epoch
 * @param trainLoss       that epoch's training loss (NaN for none)
 * @param validationLoss  that epoch's validation loss (NaN for none, or without validation rows)
 */
public record TrainingResult(Stop stop, int epochsCompleted, int modelEpoch, boolean modelIsBest, double trainLoss,
                             double validationLoss) {

    public enum Stop {
        /** Every epoch of every phase ran. */
        COMPLETED,
        /** Early stopping: the validation loss stopped improving. */
        EARLY_STOPPED,
        /** The listener asked to stop ({@link TrainingListener#stopRequested()}). */
        STOP_REQUESTED
    }

    public boolean stopRequested() {
        return stop == Stop.STOP_REQUESTED;
    }
}
