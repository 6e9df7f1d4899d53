package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.optim.OptimizerKind;

/**
 * How to train: the optimization, the objective's settings (loss, weight decay, the regularization
 * blocks) and the plan (one phase, or greedy layer-wise stacking).
 *
 * @param epochs             passes over the training rows (0 allowed: nothing to do); with stacking, the
 *                           end-to-end fine-tuning epochs
 * @param batchSize          rows per mini-batch; the last, partial batch of an epoch is kept
 * @param momentum           used by {@link OptimizerKind#MOMENTUM} only
 * @param weightDecay        λ: adds λ‖W‖² over weights (not biases) to the loss, so 2λW to their gradient
 * @param loss               reconstruction loss of a deterministic autoencoder (a variational one follows its
 *                           {@link Likelihood})
 * @param validationFraction share of rows held out (the last round(f·rows) after one seeded shuffle), in [0, 1)
 * @param seed               drives the initialization, the split, the per-epoch shuffles and every draw
 * @param threads            compute threads for this run; values below 1 mean 1
 * @param regularization     noise, sparsity and contractive blocks; null means {@link Regularization#NONE}
 * @param stacking           greedy layer-wise plan; null means one phase
 * @param earlyStopping      null: train every epoch
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                             float weightDecay, LossKind loss, double validationFraction, long seed, int threads,
                             Regularization regularization, Stacking stacking, EarlyStopping earlyStopping) {

    public TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                          float weightDecay, LossKind loss, double validationFraction, long seed, int threads) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, loss, validationFraction, seed, threads,
                null, null, null);
    }

    public TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                          float weightDecay, LossKind loss, double validationFraction, long seed, int threads,
                          Regularization regularization, Stacking stacking) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, loss, validationFraction, seed, threads,
                regularization, stacking, null);
    }

    public TrainingConfig {
        if (regularization == null) {
            regularization = Regularization.NONE;
        }
    }

    /** A copy with other blocks. */
    public TrainingConfig with(Regularization regularization, Stacking stacking) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, loss,
                validationFraction, seed, threads, regularization, stacking, earlyStopping);
    }

    /** Epochs over every phase: {@code pretrainEpochs} per encoder layer when stacked, then {@link #epochs}. */
    public int totalEpochs(int encoderLayers) {
        return stacking == null ? epochs
                : stacking.pretrainEpochs() * encoderLayers + (stacking.fineTune() ? epochs : 0);
    }

    /** Everything wrong with these settings on their own, by field ("epochs", "sparsity.target", …). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (epochs < 0) {
            p.add(new Problem("epochs", "must not be negative, got " + epochs));
        }
        if (batchSize < 1) {
            p.add(new Problem("batchSize", "must be at least 1, got " + batchSize));
        }
        if (optimizer == null) {
            p.add(new Problem("optimizer", "is required"));
        }
        if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
            p.add(new Problem("learningRate", "must be positive and finite, got " + learningRate));
        }
        if (!(momentum >= 0f && momentum < 1f)) {
            p.add(new Problem("momentum", "must be in [0, 1), got " + momentum));
        }
        if (!Problem.finiteAtLeastZero(weightDecay)) {
            p.add(new Problem("weightDecay", "must be a finite number ≥ 0, got " + weightDecay));
        }
        if (loss == null) {
            p.add(new Problem("loss", "is required"));
        }
        if (!(validationFraction >= 0.0 && validationFraction < 1.0)) {
            p.add(new Problem("validationFraction", "must be in [0, 1), got " + validationFraction));
        }
        p.addAll(regularization.problems());
        if (stacking != null) {
            p.addAll(Problem.under("stacking", stacking.problems()));
        }
        if (earlyStopping != null) {
            p.addAll(Problem.under("earlyStopping", earlyStopping.problems()));
            if (validationFraction == 0) {
                p.add(new Problem("earlyStopping", "needs validation rows (validationFraction > 0)"));
            }
        }
        return p;
    }
}
