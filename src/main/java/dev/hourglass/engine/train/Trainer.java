package dev.hourglass.engine.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.loss.LossKind;
import dev.hourglass.engine.optim.Optimizer;
import dev.hourglass.engine.tensor.SplitMix64;

/**
 * Trains an {@link Autoencoder} synchronously on the calling thread, plus {@code config.threads − 1}
 * compute threads that exist only for the duration of the call.
 *
 * <p>The data must already be normalized. One seeded shuffle of the row indices puts the last
 * round(validationFraction · rows) rows aside for validation. Each epoch reshuffles the training
 * rows (starting from the split's order, so the RNG state alone determines the epoch) and walks
 * them in mini-batches: gather, forward, loss, backward, optimizer step. The same model, data,
 * config and seed give bit-identical parameters for any thread count, and resuming from a
 * {@link TrainingState} gives the same parameters as never stopping.
 */
public final class Trainer {

    public Trainer() {
    }

    public TrainingResult train(Autoencoder model, float[] data, int rows, TrainingConfig config,
                                TrainingListener listener, BooleanSupplier cancelRequested, TrainingState resumeFrom) {
        int cols = model.inputDim();
        if (rows <= 0 || data.length < (long) rows * cols) {
            throw new IllegalArgumentException("data must hold " + rows + " x " + cols + " floats, got " + data.length);
        }
        if (config.loss() == LossKind.BCE && model.spec().outputActivation() != Activation.SIGMOID) {
            throw new IllegalArgumentException("BCE needs a SIGMOID output activation, got "
                    + model.spec().outputActivation());
        }
        TrainingListener events = listener != null ? listener : new TrainingListener() { };
        BooleanSupplier cancel = cancelRequested != null ? cancelRequested : () -> false;

        SplitMix64 rng = new SplitMix64(config.seed());
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        rng.shuffle(order, rows);
        int validationRows = (int) Math.round(config.validationFraction() * rows);
        int trainRows = rows - validationRows;
        if (trainRows <= 0) {
            throw new IllegalArgumentException("no training rows left after holding out " + validationRows);
        }
        int[] trainOrder = new int[trainRows];
        int[] validationOrder = new int[validationRows];
        System.arraycopy(order, 0, trainOrder, 0, trainRows);
        System.arraycopy(order, trainRows, validationOrder, 0, validationRows);
        int[] epochOrder = new int[trainRows];

        boolean[] isWeight = model.isWeight();
        float[] decay2 = new float[isWeight.length];
        for (int i = 0; i < decay2.length; i++) {
            decay2[i] = isWeight[i] ? 2f * config.weightDecay() : 0f;
        }
        Optimizer optimizer = new Optimizer(config.optimizer(), config.learningRate(), config.momentum(),
                model.parameters(), model.gradients(), decay2);

        int startEpoch = 0;
        double lastTrain = Double.NaN;
        double lastValidation = Double.NaN;
        if (resumeFrom != null) {
            if (resumeFrom.optimizer() != config.optimizer()) {
                throw new IllegalArgumentException("checkpoint was taken with " + resumeFrom.optimizer()
                        + ", config asks for " + config.optimizer());
            }
            model.setParameters(resumeFrom.parameters());
            optimizer.restore(resumeFrom.optimizerSteps(), resumeFrom.optimizerState());
            rng.setState(resumeFrom.rngState());
            startEpoch = resumeFrom.completedEpochs();
            lastTrain = resumeFrom.lastTrainLoss();
            lastValidation = resumeFrom.lastValidationLoss();
        }

        int batch = config.batchSize();
        int batches = (trainRows + batch - 1) / batch;
        try (ComputeContext ctx = ComputeContext.create(Math.max(1, config.threads()))) {
            Autoencoder.Workspace ws = model.workspace(Math.min(batch, Math.max(trainRows, validationRows)));
            for (int epoch = startEpoch + 1; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                System.arraycopy(trainOrder, 0, epochOrder, 0, trainRows);
                rng.shuffle(epochOrder, trainRows);
                double reconstructionSum = 0;
                double decaySum = 0;
                for (int b = 0; b < batches; b++) {
                    if (cancel.getAsBoolean()) {
                        return new TrainingResult(true, epoch - 1, lastTrain, lastValidation);
                    }
                    int from = b * batch;
                    int m = Math.min(batch, trainRows - from);
                    Kernels.gatherRows(data, cols, epochOrder, from, m, ws.input);
                    double reconstruction = model.lossAndGradients(ctx, ws, m, config.loss(), true);
                    double decay = config.weightDecay() > 0f ? config.weightDecay() * sumOfSquaredWeights(model, isWeight) : 0.0;
                    if (!Double.isFinite(reconstruction + decay)) {
                        throw new TrainingDivergedException("training diverged in epoch " + epoch + ", batch " + (b + 1)
                                + ": the loss is " + (reconstruction + decay) + "; try a lower learning rate (now "
                                + config.learningRate() + ")");
                    }
                    optimizer.step(ctx);
                    reconstructionSum += reconstruction * m;
                    decaySum += decay * m;
                    events.onBatch(epoch, b + 1, batches);
                }
                double trainSeconds = (System.nanoTime() - start) / 1e9;
                double validation = validationRows > 0
                        ? meanLoss(model, ctx, ws, data, cols, validationOrder, config.loss()) : Double.NaN;
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Double> terms = new LinkedHashMap<>();
                terms.put("reconstruction", reconstructionSum / trainRows);
                terms.put("weightDecay", decaySum / trainRows);
                lastTrain = (reconstructionSum + decaySum) / trainRows;
                lastValidation = validation;
                EpochReport report = new EpochReport(epoch, config.epochs(), lastTrain, validation, terms, seconds,
                        trainRows / trainSeconds);
                TrainingState state = new TrainingState(epoch, rng.state(), config.optimizer(), optimizer.steps(),
                        lastTrain, lastValidation, model.parameters(), optimizer.stateCopy());
                events.onEpoch(report, state);
            }
        }
        return new TrainingResult(false, Math.max(startEpoch, config.epochs()), lastTrain, lastValidation);
    }

    private static double sumOfSquaredWeights(Autoencoder model, boolean[] isWeight) {
        List<float[]> params = model.parameters();
        double s = 0;
        for (int i = 0; i < isWeight.length; i++) {
            if (isWeight[i]) {
                s += Kernels.sumOfSquares(params.get(i), params.get(i).length);
            }
        }
        return s;
    }

    /** Mean reconstruction loss over the given rows, in batches of the workspace's capacity. */
    private static double meanLoss(Autoencoder model, ComputeContext ctx, Autoencoder.Workspace ws, float[] data,
                                   int cols, int[] rowOrder, LossKind loss) {
        double sum = 0;
        for (int from = 0; from < rowOrder.length; from += ws.capacity) {
            int m = Math.min(ws.capacity, rowOrder.length - from);
            Kernels.gatherRows(data, cols, rowOrder, from, m, ws.input);
            sum += model.lossAndGradients(ctx, ws, m, loss, false) * m;
        }
        return sum / rowOrder.length;
    }
}
