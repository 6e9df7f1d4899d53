package dev.hourglass.engine.train;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.kernel.ComputeContext;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.EarlyStopping;
import dev.hourglass.engine.spec.Problem;
import dev.hourglass.engine.spec.TrainingConfig;

/**
 * Trains an {@link Autoencoder} on normalized rows, synchronously on the calling thread plus
 * {@code config.threads − 1} compute threads that exist only for the duration of the call.
 *
 * <p>The run walks the phases of its {@link Plan}, each a {@link StageRun} trained epoch by epoch;
 * after each epoch the listener gets the report and a {@link TrainingState} to resume from, which
 * gives the same parameters as never stopping. With early stopping, the last phase (never a
 * layer-wise pretraining one) keeps its best epoch by validation loss and stops after
 * {@code patience} epochs without an improvement of {@code minDelta}; the model ends with the best
 * epoch's parameters. When the listener asks to stop, the model goes back to its last completed
 * epoch (or the best).
 *
 * <p>Metrics per epoch ({@link EpochReport#terms()}) come from the objective's terms (see
 * {@code dev.hourglass.engine.objective}); trainLoss is the sum of the terms' contributions over the
 * epoch's training rows; validationLoss is the same objective on the validation rows without
 * corruption, stochastic penalties taken exactly.
 */
public final class Trainer {

    /** Without validation rows, held-out terms are measured on at most this many training rows. */
    public static final int EVALUATION_ROWS = 4096;

    private final int[] labels;

    public Trainer() {
        this(null);
    }

    /**
     * A trainer that hands a multimodal network's epoch measures one class per row ({@link SharedSpace}'s
     * shared-representation test); null: no labels.
     */
    public Trainer(int[] labels) {
        this.labels = labels;
    }

    public TrainingResult train(Autoencoder model, float[] data, int rows, TrainingConfig config,
                                TrainingListener listener, TrainingState resumeFrom) {
        return train(model, data, null, rows, config, listener, resumeFrom);
    }

    /**
     * As above, for a model over a typed table ({@link ArchitectureSpec#table()}) whose cells are not all
     * observed: {@code observed(rows, table columns)} is 1 where a cell has a value, 0 where it is missing
     * (null: every cell has one).
     */
    public TrainingResult train(Autoencoder model, float[] data, float[] observed, int rows, TrainingConfig config,
                                TrainingListener listener, TrainingState resumeFrom) {
        int cols = model.inputDim();
        if (observed != null && (model.spec().table() == null
                || observed.length < (long) rows * model.spec().table().columns())) {
            throw new IllegalArgumentException("observed flags need a model over a typed table and one flag per cell");
        }
        if (rows <= 0 || data.length < (long) rows * cols) {
            throw new IllegalArgumentException("data must hold " + rows + " x " + cols + " floats, got " + data.length);
        }
        List<Problem> problems = new ArrayList<>(Problem.under("training", config.problems()));
        problems.addAll(AutoencoderSpec.combinationProblems(model.spec(), config));
        Problem.require(problems);
        List<Stage> plan = Plan.of(model, config);
        Run run = new Run(model, config, plan, listener != null ? listener : TrainingListener.NONE);
        int first = resumeFrom == null ? 0 : run.resume(resumeFrom);
        try (ComputeContext ctx = ComputeContext.create(Math.max(1, config.threads()))) {
            for (int p = first; p < plan.size(); p++) {
                Stage stage = plan.get(p);
                float[] stageData = stage.inputLayer() == 0 ? data : model.encodeThrough(ctx, data, rows, stage.inputLayer());
                StageRun stageRun = new StageRun(stage, p, model, ctx, stageData, stage.inputLayer() == 0 ? observed : null,
                        rows, config, labels);
                if (p == first && resumeFrom != null) {
                    stageRun.resume(resumeFrom);
                }
                run.listener.onPhase(stage.name(), p + 1, plan.size());
                TrainingResult.Stop stop = run.epochs(stageRun, p);
                if (stop != null) {
                    return run.end(stop);
                }
            }
        }
        return run.end(TrainingResult.Stop.COMPLETED);
    }

    /** What a run has done so far: epochs over its phases, its last checkpoint and early stopping's best. */
    private static final class Run {
        private final Autoencoder model;
        private final EarlyStopping early;
        private final List<Stage> plan;
        private final TrainingListener listener;
        private final int runEpochs;
        private int epochsDone;
        private TrainingState last;
        private TrainingState.Best best;

        Run(Autoencoder model, TrainingConfig config, List<Stage> plan, TrainingListener listener) {
            this.model = model;
            this.early = config.earlyStopping();
            this.plan = plan;
            this.listener = listener;
            this.runEpochs = Plan.epochsBefore(plan, plan.size());
        }

        /** Takes the checkpoint's parameters and best epoch; returns the phase to continue. */
        int resume(TrainingState state) {
            if (state.phase() >= plan.size()) {
                throw new IllegalArgumentException("checkpoint is in phase " + state.phase() + " (" + state.phaseName()
                        + "), the plan has " + plan.size());
            }
            if (!plan.get(state.phase()).name().equals(state.phaseName())) {
                throw new IllegalArgumentException("checkpoint is in phase " + state.phaseName() + ", this plan's phase "
                        + (state.phase() + 1) + " is " + plan.get(state.phase()).name());
            }
            model.setParameters(state.parameters());
            last = state;
            best = state.best();
            epochsDone = Plan.epochsBefore(plan, state.phase()) + state.completedEpochs();
            return state.phase();
        }

        /** The stage's remaining epochs; the reason to stop the whole run early, or null to go on. */
        TrainingResult.Stop epochs(StageRun stage, int phase) {
            int epochs = plan.get(phase).epochs();
            boolean watched = early != null && phase == plan.size() - 1 && !plan.get(phase).name().startsWith("pretrain");
            for (int epoch = stage.completedEpochs() + 1; epoch <= epochs; epoch++) {
                EpochReport report = stage.epoch(epoch, epochsDone + 1, runEpochs, listener);
                if (report == null) {
                    return TrainingResult.Stop.STOP_REQUESTED;
                }
                epochsDone++;
                double loss = report.validationLoss();
                if (watched && !Double.isNaN(loss) && (best == null || loss < best.validationLoss() - early.minDelta())) {
                    best = new TrainingState.Best(epochsDone, report.trainLoss(), loss, model.parameters());
                }
                last = stage.snapshot(watched ? best : null);
                listener.onEpoch(report, last);
                if (watched && best != null && epochsDone - best.epoch() >= early.patience() && epoch < epochs) {
                    return TrainingResult.Stop.EARLY_STOPPED;
                }
            }
            return null;
        }

        /** Puts the parameters the result names into the model: the best epoch's, or the last completed one's. */
        TrainingResult end(TrainingResult.Stop stop) {
            if (best != null) {
                model.setParameters(best.parameters());
                return new TrainingResult(stop, epochsDone, best.epoch(), true, best.trainLoss(), best.validationLoss());
            }
            if (last == null) {
                return new TrainingResult(stop, 0, 0, false, Double.NaN, Double.NaN);
            }
            if (stop == TrainingResult.Stop.STOP_REQUESTED) {
                model.setParameters(last.parameters());   // undo the part of an epoch that ran
            }
            return new TrainingResult(stop, epochsDone, epochsDone, false, last.lastTrainLoss(), last.lastValidationLoss());
        }
    }
}
