package dev.hourglass.engine.train;

import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.optim.Optimizer;
import dev.hourglass.engine.random.SplitMix64;

/**
 * Trains an {@link Autoencoder} synchronously on the calling thread, plus {@code config.threads − 1}
 * compute threads that exist only for the duration of the call.
 *
 * <p>The data must already be normalized. One seeded shuffle of the row indices puts the last
 * round(validationFraction · rows) rows aside for validation. Each epoch reshuffles the training
 * rows (starting from the split's order, so the RNG state alone determines the epoch) and walks
 * them in mini-batches: gather, corrupt (denoising), forward, latent draw (VAE), loss and penalties,
 * backward, optimizer step. Noise, ε and contractive probes come from the same RNG as the shuffles,
 * on the calling thread, so the same model, data, config and seed give bit-identical parameters for
 * any thread count, and resuming from a {@link TrainingState} gives the same parameters as never
 * stopping.
 *
 * <p>The plan: one stage ("train"), or with {@link Stacking} one stage per encoder layer
 * ("pretrain-i": layer i and its mirror, on the codes of the layers below, for pretrainEpochs) and then,
 * if fineTune, "fine-tune" end to end for {@code config.epochs()}. Every stage honours the
 * regularization blocks; inner stages reconstruct codes, with the hidden activation on the output and
 * BCE only when that is SIGMOID and the config asks for BCE (MSE otherwise). Each stage starts its RNG
 * from the seed, so every stage sees the same train/validation split.
 *
 * <p>Terms per epoch ({@link EpochReport#terms()}): "reconstruction" (training loss of x̂(x̃)
 * against the clean x; per row summed over features for a VAE, mean over elements otherwise),
 * "weightDecay"; with sparsity "sparsityKl" (β·ΣKL, batch ρ̂) and "meanActivation" (mean ρ̂); with the
 * contractive block "contractive" (λ·‖J‖²_F as trained: exact for one layer, the unbiased estimate
 * deeper) and "jacobianFrobenius" (exact mean ‖J‖²_F on up to {@link #JACOBIAN_ROWS} validation rows,
 * training rows if there are none); for a VAE "kl" (unweighted, per row) and "elbo" = −(reconstruction
 * + kl); with noise "reconstructionClean" and "reconstructionCorrupted" (validation rows, else the
 * first {@link #EVALUATION_ROWS} training rows of the split, without and with corruption).
 * trainLoss = reconstruction + weightDecay + sparsityKl + contractive + klWeight·kl. validationLoss is the same objective on the validation rows without
 * corruption, the contractive term taken exactly from "jacobianFrobenius".
 *
 * <p>A variational autoencoder's reconstruction follows its {@link Likelihood}; {@code config.loss()}
 * does not apply to it. The contractive block and stacking do not apply to it either (refused).
 */
public final class Trainer {

    /** Without validation rows, held-out terms are measured on at most this many training rows. */
    public static final int EVALUATION_ROWS = 4096;
    /** Rows on which the exact Jacobian norm is computed per epoch (it costs O(k·Σ in·out) per row). */
    public static final int JACOBIAN_ROWS = 512;
    private static final long EVALUATION_SALT = 0x5DEECE66DL;

    public Trainer() {
    }

    /** One stage of the plan: which layers train, on what, for how long. */
    private record Stage(String name, Autoencoder model, int inputLayer, int epochs, Autoencoder.Objective objective) {
    }

    public TrainingResult train(Autoencoder model, float[] data, int rows, TrainingConfig config,
                                TrainingListener listener, BooleanSupplier cancelRequested, TrainingState resumeFrom) {
        int cols = model.inputDim();
        if (rows <= 0 || data.length < (long) rows * cols) {
            throw new IllegalArgumentException("data must hold " + rows + " x " + cols + " floats, got " + data.length);
        }
        if (!model.isVariational() && config.loss() == LossKind.BCE
                && model.spec().outputActivation() != Activation.SIGMOID) {
            throw new IllegalArgumentException("BCE needs a SIGMOID output activation, got "
                    + model.spec().outputActivation());
        }
        Regularization reg = config.regularization();
        Autoencoder.Objective objective = new Autoencoder.Objective(config.loss(), reg.noise(), reg.sparsity(),
                reg.contractive());
        model.checkObjective(objective);
        List<Stage> plan = plan(model, config, objective);
        TrainingListener events = listener != null ? listener : new TrainingListener() { };
        BooleanSupplier cancel = cancelRequested != null ? cancelRequested : () -> false;

        int firstStage = 0;
        if (resumeFrom != null) {
            if (resumeFrom.phase() >= plan.size()) {
                throw new IllegalArgumentException("checkpoint is in phase " + resumeFrom.phase() + " ("
                        + resumeFrom.phaseName() + "), the plan has " + plan.size());
            }
            if (!plan.get(resumeFrom.phase()).name().equals(resumeFrom.phaseName())) {
                throw new IllegalArgumentException("checkpoint is in phase " + resumeFrom.phaseName()
                        + ", this plan's phase " + (resumeFrom.phase() + 1) + " is " + plan.get(resumeFrom.phase()).name());
            }
            model.setParameters(resumeFrom.parameters());
            firstStage = resumeFrom.phase();
        }
        int epochsDone = 0;
        for (int p = 0; p < firstStage; p++) {
            epochsDone += plan.get(p).epochs();
        }
        TrainingResult last = new TrainingResult(false, 0, Double.NaN, Double.NaN);
        try (ComputeContext ctx = ComputeContext.create(Math.max(1, config.threads()))) {
            for (int p = firstStage; p < plan.size(); p++) {
                Stage stage = plan.get(p);
                float[] stageData = stage.inputLayer() == 0 ? data
                        : model.encodeThrough(ctx, data, rows, stage.inputLayer());
                events.onPhase(stage.name(), p + 1, plan.size());
                TrainingState resume = resumeFrom != null && p == firstStage ? resumeFrom : null;
                last = runStage(ctx, model, stage, p, stageData, rows, config, events, cancel, resume);
                epochsDone += last.epochsCompleted();
                if (last.cancelled()) {
                    return new TrainingResult(true, epochsDone, last.finalTrainLoss(), last.finalValidationLoss());
                }
            }
        }
        return new TrainingResult(false, epochsDone, last.finalTrainLoss(), last.finalValidationLoss());
    }

    private static List<Stage> plan(Autoencoder model, TrainingConfig config, Autoencoder.Objective objective) {
        Stacking stacking = config.stacking();
        List<Stage> plan = new ArrayList<>();
        if (stacking == null) {
            plan.add(new Stage("train", model, 0, config.epochs(), objective));
            return plan;
        }
        ArchitectureSpec spec = model.spec();
        if (spec.isVariational()) {
            throw new IllegalArgumentException("stacking does not apply to a variational autoencoder");
        }
        int[] encoder = spec.encoder();
        int[] mirror = spec.mirroredDecoder();
        if (!java.util.Arrays.equals(spec.resolvedDecoder(), mirror)) {
            throw new IllegalArgumentException("stacking needs the mirrored decoder " + java.util.Arrays.toString(mirror)
                    + ", got " + java.util.Arrays.toString(spec.resolvedDecoder()));
        }
        for (int i = 0; i < encoder.length; i++) {
            LossKind loss = i == 0 || (config.loss() == LossKind.BCE && spec.activation() == Activation.SIGMOID)
                    ? config.loss() : LossKind.MSE;
            Autoencoder stage = model.stage(i);
            Autoencoder.Objective o = new Autoencoder.Objective(loss, objective.noise(), objective.sparsity(),
                    objective.contractive());
            stage.checkObjective(o);
            plan.add(new Stage("pretrain-" + (i + 1), stage, i, stacking.pretrainEpochs(), o));
        }
        if (stacking.fineTune()) {
            plan.add(new Stage("fine-tune", model, 0, config.epochs(), objective));
        }
        return plan;
    }

    /** Runs one stage; the result counts the stage's completed epochs, resumed ones included. */
    private TrainingResult runStage(ComputeContext ctx, Autoencoder full, Stage stage, int stageIndex, float[] data,
                                    int rows, TrainingConfig config, TrainingListener events, BooleanSupplier cancel,
                                    TrainingState resumeFrom) {
        Autoencoder model = stage.model();
        Autoencoder.Objective objective = stage.objective();
        int cols = model.inputDim();
        DataSplit split = DataSplit.of(rows, config.validationFraction(), config.seed());
        SplitMix64 rng = new SplitMix64(config.seed());
        rng.setState(split.rngState());
        int[] trainOrder = split.training();
        int[] validationOrder = split.validation();
        int trainRows = trainOrder.length;
        int validationRows = validationOrder.length;
        if (trainRows <= 0) {
            throw new IllegalArgumentException("no training rows left after holding out " + validationRows);
        }
        int[] epochOrder = new int[trainRows];
        int[] heldOut = validationRows > 0 ? validationOrder
                : java.util.Arrays.copyOf(trainOrder, Math.min(trainRows, EVALUATION_ROWS));
        int[] jacobianRows = java.util.Arrays.copyOf(heldOut, Math.min(heldOut.length, JACOBIAN_ROWS));

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
            optimizer.restore(resumeFrom.optimizerSteps(), resumeFrom.optimizerState());
            rng.setState(resumeFrom.rngState());
            startEpoch = resumeFrom.completedEpochs();
            lastTrain = resumeFrom.lastTrainLoss();
            lastValidation = resumeFrom.lastValidationLoss();
        }

        Variational vae = model.spec().variational();
        Regularization reg = new Regularization(objective.noise(), objective.sparsity(), objective.contractive());
        int batch = config.batchSize();
        int batches = (trainRows + batch - 1) / batch;
        int epochs = stage.epochs();
        Autoencoder.Workspace ws = model.workspace(Math.min(batch, Math.max(trainRows, validationRows)), objective);
        for (int epoch = startEpoch + 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            System.arraycopy(trainOrder, 0, epochOrder, 0, trainRows);
            rng.shuffle(epochOrder, trainRows);
            double reconstructionSum = 0;
            double decaySum = 0;
            double sparsitySum = 0;
            double activationSum = 0;
            double contractiveSum = 0;
            double klSum = 0;
            for (int b = 0; b < batches; b++) {
                if (cancel.getAsBoolean()) {
                    return new TrainingResult(true, epoch - 1, lastTrain, lastValidation);
                }
                int from = b * batch;
                int m = Math.min(batch, trainRows - from);
                Kernels.gatherRows(data, cols, epochOrder, from, m, ws.input);
                double objectiveValue = model.step(ctx, ws, m, objective, rng, true);
                double decay = config.weightDecay() > 0f ? config.weightDecay() * sumOfSquaredWeights(model, isWeight) : 0.0;
                if (!Double.isFinite(objectiveValue + decay)) {
                    throw new TrainingDivergedException("training diverged in " + stage.name() + " epoch " + epoch
                            + ", batch " + (b + 1) + ": the loss is " + (objectiveValue + decay)
                            + "; try a lower learning rate (now " + config.learningRate() + ")");
                }
                optimizer.step(ctx);
                reconstructionSum += ws.reconstruction * m;
                decaySum += decay * m;
                sparsitySum += ws.sparsityPenalty * m;
                activationSum += ws.meanActivation * m;
                contractiveSum += ws.contractivePenalty * m;
                klSum += ws.kl * m;
                events.onBatch(epoch, b + 1, batches);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;

            Map<String, Double> terms = new LinkedHashMap<>();
            terms.put("reconstruction", reconstructionSum / trainRows);
            terms.put("weightDecay", decaySum / trainRows);
            double decayNow = config.weightDecay() > 0f ? config.weightDecay() * sumOfSquaredWeights(model, isWeight) : 0.0;
            double jacobian = Double.NaN;
            if (reg.sparsity() != null) {
                terms.put("sparsityKl", sparsitySum / trainRows);
                terms.put("meanActivation", activationSum / trainRows);
            }
            if (reg.contractive() != null) {
                terms.put("contractive", contractiveSum / trainRows);
                jacobian = model.jacobianFrobeniusSquared(ctx, gather(data, cols, jacobianRows), jacobianRows.length);
                terms.put("jacobianFrobenius", jacobian);
            }
            if (vae != null) {
                terms.put("kl", klSum / trainRows);
                terms.put("elbo", -(reconstructionSum + klSum) / trainRows);
            }
            Autoencoder.Objective clean = objective.withoutNoise().withoutContractive();
            double validation = Double.NaN;
            double[] recon = new double[1];
            if (validationRows > 0) {
                validation = evaluate(model, ctx, ws, data, cols, validationOrder, clean, config.seed(), recon)
                        + decayNow + (reg.contractive() != null ? reg.contractive().weight() * jacobian : 0.0);
            }
            if (reg.noise() != null) {
                if (validationRows == 0) {
                    evaluate(model, ctx, ws, data, cols, heldOut, clean, config.seed(), recon);
                }
                terms.put("reconstructionClean", recon[0]);
                evaluate(model, ctx, ws, data, cols, heldOut, objective.withoutContractive(), config.seed(), recon);
                terms.put("reconstructionCorrupted", recon[0]);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            lastTrain = (reconstructionSum + decaySum + sparsitySum + contractiveSum
                    + (vae != null ? vae.klWeight() * klSum : 0.0)) / trainRows;
            lastValidation = validation;
            EpochReport report = new EpochReport(epoch, epochs, lastTrain, validation, terms, seconds,
                    trainRows / trainSeconds, stage.name());
            TrainingState state = new TrainingState(stageIndex, stage.name(), epoch, rng.state(), config.optimizer(),
                    optimizer.steps(), lastTrain, lastValidation, full.parameters(), optimizer.stateCopy());
            events.onEpoch(report, state);
        }
        return new TrainingResult(false, Math.max(startEpoch, epochs), lastTrain, lastValidation);
    }

    private static float[] gather(float[] data, int cols, int[] rowOrder) {
        float[] out = new float[rowOrder.length * cols];
        Kernels.gatherRows(data, cols, rowOrder, 0, rowOrder.length, out);
        return out;
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

    /**
     * Mean objective over the given rows in batches of the workspace's capacity, with its own RNG
     * (from the seed) for noise and ε so evaluation never moves the training stream. If
     * {@code reconstruction} is given, its first slot receives the mean reconstruction term.
     */
    private static double evaluate(Autoencoder model, ComputeContext ctx, Autoencoder.Workspace ws, float[] data,
                                   int cols, int[] rowOrder, Autoencoder.Objective objective, long seed,
                                   double[] reconstruction) {
        SplitMix64 rng = new SplitMix64(seed ^ EVALUATION_SALT);
        double sum = 0;
        double recon = 0;
        for (int from = 0; from < rowOrder.length; from += ws.capacity) {
            int m = Math.min(ws.capacity, rowOrder.length - from);
            Kernels.gatherRows(data, cols, rowOrder, from, m, ws.input);
            sum += model.step(ctx, ws, m, objective, rng, false) * m;
            recon += ws.reconstruction * m;
        }
        if (reconstruction != null) {
            reconstruction[0] = recon / rowOrder.length;
        }
        return sum / rowOrder.length;
    }
}
