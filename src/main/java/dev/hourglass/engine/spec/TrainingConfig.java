package dev.hourglass.engine.spec;

import dev.hourglass.engine.optim.OptimizerKind;

/**
 * How to train.
 *
 * @param epochs             passes over the training rows (0 allowed: nothing to do)
 * @param batchSize          rows per mini-batch; the last, partial batch of an epoch is kept
 * @param momentum           used by {@link OptimizerKind#MOMENTUM} only
 * @param weightDecay        λ: adds λ‖W‖² over weights (not biases) to the loss, so 2λW to their gradient
 * @param validationFraction share of rows held out (the last round(f·rows) after one seeded shuffle), in [0, 1)
 * @param seed               drives the split, the per-epoch shuffles (and, through the caller, the init)
 * @param threads            compute threads for this run; values below 1 mean 1
 * @param regularization     noise, sparsity and contractive blocks; null means {@link Regularization#NONE}
 * @param stacking           greedy layer-wise plan; null means one stage. With stacking, {@code epochs}
 *                           is the number of end-to-end fine-tuning epochs
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                             float weightDecay, LossKind loss, double validationFraction, long seed, int threads,
                             Regularization regularization, Stacking stacking) {

    public TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                          float weightDecay, LossKind loss, double validationFraction, long seed, int threads) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, loss, validationFraction, seed, threads,
                null, null);
    }

    public TrainingConfig {
        if (regularization == null) {
            regularization = Regularization.NONE;
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must not be negative: " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        if (optimizer == null || loss == null) {
            throw new IllegalArgumentException("optimizer and loss are required");
        }
        if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite: " + learningRate);
        }
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1): " + momentum);
        }
        if (!(weightDecay >= 0f) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be non-negative and finite: " + weightDecay);
        }
        if (!(validationFraction >= 0.0 && validationFraction < 1.0)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1): " + validationFraction);
        }
    }

    /** A copy with other blocks. */
    public TrainingConfig with(Regularization regularization, Stacking stacking) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, loss,
                validationFraction, seed, threads, regularization, stacking);
    }
}
