package dev.hourglass.engine.train;

/**
 * How a {@link Trainer#train} call ended; losses are NaN where no epoch ran. {@code epochsCompleted}
 * counts the epochs of every phase of the plan (a stacked run: all pretraining epochs plus the
 * fine-tuning ones), resumed ones included; the losses are those of the last phase that ran.
 */
public record TrainingResult(boolean cancelled, int epochsCompleted, double finalTrainLoss, double finalValidationLoss) {
}
