package dev.hourglass.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.objective.EpochSums;
import dev.hourglass.engine.objective.HeldOut;
import dev.hourglass.engine.objective.Objective;
import dev.hourglass.engine.objective.Term;
import dev.hourglass.engine.optim.Optimizer;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.TrainingConfig;

/**
 * A {@link Stage} being trained: its split, random stream, objective, optimizer and buffers, and one
 * method per epoch.
 *
 * <p>One seeded shuffle of the row indices puts the last round(validationFraction · rows) rows aside
 * ({@link DataSplit}); each stage starts its stream from the seed, so every stage sees the same split.
 * Each epoch reshuffles the training rows (starting from the split's order, so the stream's state
 * alone determines the epoch) and walks them in mini-batches: gather, step, optimizer update. Every
 * draw comes from the one stream on the calling thread, so the same model, data, config and seed give
 * bit-identical parameters for any thread count.
 *
 * <p>After the epoch: the terms' metrics from their sums over the epoch; the validation loss (the
 * whole objective on the validation rows, inputs not corrupted: terms batch by batch, then those
 * evaluated once); with input corruption, "reconstructionClean" and "reconstructionCorrupted" on the
 * held-out rows (validation rows, else the first {@link Trainer#EVALUATION_ROWS} training rows of the
 * split). Evaluation draws from its own stream (from the seed), so it never moves the training stream.
 */
final class StageRun {

    private static final long EVALUATION_SALT = 0x5DEECE66DL;

    private final Stage stage;
    private final int index;
    private final Autoencoder full;
    private final Autoencoder model;
    private final ComputeContext ctx;
    private final float[] data;
    private final int cols;
    /** Over a typed table with missing cells, (rows, table columns): 1 where a cell is observed; else null. */
    private final float[] observed;
    private final int tableColumns;
    /** For a multimodal network's last stage, one class per row for the shared-representation test, or null. */
    private final int[] labels;
    /** The reconstruction's metrics over a typed table that are also reported on the validation rows. */
    private final List<String> validationMetrics;
    private final TrainingConfig config;
    private final int[] trainOrder;
    private final int[] validationOrder;
    private final int[] heldOut;
    private final int[] epochOrder;
    private final SplitMix64 rng;
    private final Objective objective;
    private final Autoencoder.Workspace ws;
    private final Optimizer optimizer;
    private int completedEpochs;
    private double lastTrainLoss = Double.NaN;
    private double lastValidationLoss = Double.NaN;

    /**
     * @param data     the rows the stage reconstructs: the data, or their codes through the layers below
     * @param observed for a stage that reconstructs a typed table with missing cells, which cells are
     *                 observed (rows, table columns); else null
     */
    StageRun(Stage stage, int index, Autoencoder full, ComputeContext ctx, float[] data, float[] observed, int rows,
             TrainingConfig config, int[] labels) {
        this.labels = labels;
        this.stage = stage;
        this.index = index;
        this.full = full;
        this.model = stage.model();
        this.ctx = ctx;
        this.data = data;
        this.cols = model.inputDim();
        this.observed = observed;
        this.tableColumns = model.spec().table() == null ? 0 : model.spec().table().columns();
        this.config = config;
        DataSplit split = DataSplit.of(rows, config.validationFraction(), config.seed());
        this.trainOrder = split.training();
        this.validationOrder = split.validation();
        if (trainOrder.length == 0) {
            throw new IllegalArgumentException("no training rows left after holding out " + validationOrder.length);
        }
        this.heldOut = validationOrder.length > 0 ? validationOrder
                : Arrays.copyOf(trainOrder, Math.min(trainOrder.length, Trainer.EVALUATION_ROWS));
        this.epochOrder = new int[trainOrder.length];
        this.rng = new SplitMix64(config.seed());
        rng.setState(split.rngState());
        int capacity = Math.min(config.batchSize(), Math.max(trainOrder.length, validationOrder.length));
        this.objective = Objective.create(model.network(), config, stage.loss(), capacity);
        this.ws = model.workspace(capacity, objective);
        ws.observing = observed != null;
        this.validationMetrics = objective.reconstruction() == null ? List.of()
                : objective.reconstruction().metrics().subList(1, objective.reconstruction().metrics().size());
        this.optimizer = new Optimizer(config.optimizer(), config.learningRate(), config.momentum(), model.parameters(),
                model.gradients(), objective.decayFactors(model.parameters().size()));
    }

    /** Continues from {@code state}, taken at the end of one of this stage's epochs. */
    void resume(TrainingState state) {
        if (state.optimizer() != config.optimizer()) {
            throw new IllegalArgumentException("checkpoint was taken with " + state.optimizer() + ", config asks for "
                    + config.optimizer());
        }
        optimizer.restore(state.optimizerSteps(), state.optimizerState());
        objective.restore(state.termState());
        rng.setState(state.rngState());
        completedEpochs = state.completedEpochs();
        lastTrainLoss = state.lastTrainLoss();
        lastValidationLoss = state.lastValidationLoss();
    }

    int completedEpochs() {
        return completedEpochs;
    }

    double lastTrainLoss() {
        return lastTrainLoss;
    }

    double lastValidationLoss() {
        return lastValidationLoss;
    }

    /**
     * Trains epoch {@code epoch} (1-based), which is epoch {@code runEpoch} of {@code runEpochs} over the
     * whole run; null if the listener stopped it before its end.
     */
    EpochReport epoch(int epoch, int runEpoch, int runEpochs, TrainingListener events) {
        long start = System.nanoTime();
        int trainRows = trainOrder.length;
        System.arraycopy(trainOrder, 0, epochOrder, 0, trainRows);
        rng.shuffle(epochOrder, trainRows);
        EpochSums sums = objective.newSums();
        int batch = config.batchSize();
        int batches = (trainRows + batch - 1) / batch;
        for (int b = 0; b < batches; b++) {
            if (events.stopRequested()) {
                return null;
            }
            int from = b * batch;
            int m = Math.min(batch, trainRows - from);
            long stepStart = System.nanoTime();
            gather(epochOrder, from, m);
            double value = model.step(ctx, ws, m, rng, Autoencoder.Mode.TRAIN);
            if (!Double.isFinite(value)) {
                throw new TrainingDivergedException("training diverged in " + stage.name() + " epoch " + epoch
                        + ", batch " + (b + 1) + ": the loss is " + value + "; try a lower learning rate (now "
                        + config.learningRate() + ")");
            }
            optimizer.step(ctx);
            ctx.stepDone(System.nanoTime() - stepStart, m);
            sums.add(ws.metrics, m);
            events.onBatch(epoch, b + 1, batches);
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> terms = objective.epochMetrics(sums);
        double validation = evaluateHeldOut(terms);
        completedEpochs = epoch;
        lastTrainLoss = objective.epochLoss(sums);
        lastValidationLoss = validation;
        return new EpochReport(epoch, stage.epochs(), lastTrainLoss, validation, terms,
                (System.nanoTime() - start) / 1e9, trainRows / trainSeconds, stage.name(), runEpoch, runEpochs);
    }

    /** The validation loss (NaN without validation rows); adds the held-out metrics to {@code metrics}. */
    private double evaluateHeldOut(Map<String, Double> metrics) {
        HeldOut rows = new HeldOut(ctx, data, cols, heldOut);
        List<Double> once = new ArrayList<>();
        for (Term t : objective.terms()) {
            if (!t.batchwiseWhenHeldOut()) {
                once.add(t.heldOut(rows, metrics));
            }
        }
        double validation = Double.NaN;
        double[] clean = {Double.NaN};
        if (validationOrder.length > 0) {
            double[] typed = new double[validationMetrics.size()];
            validation = evaluate(validationOrder, Autoencoder.Mode.EVALUATE, clean, typed);
            for (int i = 0; i < typed.length; i++) {
                String name = validationMetrics.get(i);
                metrics.put("validation" + Character.toUpperCase(name.charAt(0)) + name.substring(1), typed[i]);
            }
            for (double v : once) {
                validation += v;
            }
        }
        if (objective.corruption() != null) {
            if (validationOrder.length == 0) {
                evaluate(heldOut, Autoencoder.Mode.EVALUATE, clean, new double[0]);
            }
            double[] corrupted = new double[1];
            evaluate(heldOut, Autoencoder.Mode.EVALUATE_CORRUPTED, corrupted, new double[0]);
            metrics.put("reconstructionClean", clean[0]);
            metrics.put("reconstructionCorrupted", corrupted[0]);
        }
        if (model.spec().multimodal() != null) {
            SharedSpace.measure(model, data, heldOut, trainOrder, labels, metrics);
        }
        return validation;
    }

    /**
     * The mean of the batch-by-batch terms over {@code rowOrder}, in batches of the workspace's capacity,
     * with its own stream from the seed; {@code reconstruction[0]} receives the mean reconstruction term
     * and {@code typed} the mean of each of the first {@code typed.length} {@link #validationMetrics}.
     */
    private double evaluate(int[] rowOrder, Autoencoder.Mode mode, double[] reconstruction, double[] typed) {
        SplitMix64 evaluation = new SplitMix64(config.seed() ^ EVALUATION_SALT);
        double sum = 0;
        double recon = 0;
        for (int from = 0; from < rowOrder.length; from += ws.capacity) {
            int m = Math.min(ws.capacity, rowOrder.length - from);
            gather(rowOrder, from, m);
            sum += model.step(ctx, ws, m, evaluation, mode) * m;
            recon += ws.metric("reconstruction") * m;
            for (int i = 0; i < typed.length; i++) {
                typed[i] += ws.metric(validationMetrics.get(i)) * m;
            }
        }
        reconstruction[0] = recon / rowOrder.length;
        for (int i = 0; i < typed.length; i++) {
            typed[i] /= rowOrder.length;
        }
        return sum / rowOrder.length;
    }

    /** Rows {@code order[from, from + m)} into the workspace, with their observed flags over a typed table. */
    private void gather(int[] order, int from, int m) {
        Kernels.gatherRows(data, cols, order, from, m, ws.input);
        if (observed != null) {
            Kernels.gatherRows(observed, tableColumns, order, from, m, ws.observed);
        }
    }

    /** A checkpoint at the end of the last completed epoch: the whole network's parameters. */
    TrainingState snapshot(TrainingState.Best best) {
        return new TrainingState(index, stage.name(), completedEpochs, rng.state(), config.optimizer(), optimizer.steps(),
                lastTrainLoss, lastValidationLoss, full.parameters(), optimizer.stateCopy(), objective.state(), best);
    }
}
