package dev.hourglass.engine.train;

/** How a {@link Trainer#train} call ended; losses are NaN where no epoch ran. */
public record TrainingResult(boolean cancelled, int epochsCompleted, double finalTrainLoss, double finalValidationLoss) {
}
