package dev.hourglass.engine;

import java.util.Arrays;

import dev.hourglass.engine.anomaly.AnomalyScorer;
import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.anomaly.Scores;
import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.DataProfile;
import dev.hourglass.engine.spec.Problem;
import dev.hourglass.engine.table.Table;
import dev.hourglass.engine.table.TableCodec;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.DataSplit;
import dev.hourglass.engine.train.Diagnostics;
import dev.hourglass.engine.train.IdentityCheck;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.engine.train.Trainer;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingResult;
import dev.hourglass.engine.train.TrainingState;

/**
 * The engine's entry point: from rows and a spec to a trained model. The caller loads the data and
 * keeps the checkpoints the listener receives; everything in between happens here.
 */
public final class Engine {

    private Engine() {
    }

    /** Rows of {@code columns} features, row-major. */
    public record Matrix(float[] values, int rows, int columns) {
        public Matrix {
            if (rows < 0 || columns < 0 || values.length < (long) rows * columns) {
                throw new IllegalArgumentException("a " + rows + " x " + columns + " matrix needs that many values, got "
                        + values.length);
            }
        }
    }

    /**
     * A finished run.
     *
     * @param result        why it stopped, and which epoch the model holds (0: none completed, the model
     *                      is not trained)
     * @param model         the network with that epoch's parameters
     * @param normalizer    fitted on the training rows; inputs go through it, outputs back
     * @param identityCheck whether a deterministic model copies its input (null for a variational one, or
     *                      when no epoch completed)
     * @param calibration   the anomaly threshold set on the held-out rows (null without an anomaly block, or
     *                      when no epoch completed)
     * @param codec         for a typed table, how its rows become the network's input (its normalizer is
     *                      {@code normalizer}); null for plain rows
     */
    public record Outcome(TrainingResult result, Autoencoder model, Normalizer normalizer, IdentityCheck identityCheck,
                          Calibration calibration, TableCodec codec) {
    }

    /**
     * Fits the normalizer on the training rows of the seed's split and normalizes {@code data} in place,
     * initializes the network from the seed, trains it (from {@code checkpoint}, a state the listener
     * received, when given) until the plan ends, early stopping ends it or the listener asks to stop,
     * checks whether the result copies its input, and with an anomaly block scores the held-out rows
     * (the validation rows, else up to {@link Trainer#EVALUATION_ROWS} training rows) to set its
     * threshold.
     *
     * @throws IllegalArgumentException if the spec has {@link AutoencoderSpec#problems problems} on this data
     * @throws dev.hourglass.engine.train.TrainingDivergedException if the loss becomes NaN or infinite
     */
    public static Outcome train(Matrix data, AutoencoderSpec spec, TrainingListener listener, TrainingState checkpoint) {
        return train(data, null, spec, listener, checkpoint);
    }

    /**
     * As above, with one class index per row ({@code labels}, or null): a multimodal network's epoch
     * measures then include the shared-representation test. A multimodal network's rows hold its
     * modalities' columns one after another, in the spec's order.
     */
    public static Outcome train(Matrix data, int[] labels, AutoencoderSpec spec, TrainingListener listener,
                                TrainingState checkpoint) {
        if (labels != null && labels.length != data.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + data.rows() + " rows");
        }
        Problem.require(spec.problems(DataProfile.of(data.values(), data.rows(), data.columns())));
        long seed = spec.training().seed();
        int[] trainingRows = DataSplit.trainingRows(data.rows(), spec.training().validationFraction(), seed);
        Normalizer normalizer = Normalizer.fit(spec.normalization(), data.values(), data.columns(), trainingRows);
        normalizer.applyInPlace(data.values(), data.rows());
        Autoencoder model = Autoencoder.initialize(spec.architecture(), seed);
        TrainingResult result = new Trainer(labels).train(model, data.values(), data.rows(), spec.training(), listener,
                checkpoint);
        boolean trained = result.modelEpoch() > 0;
        IdentityCheck identity = model.isVariational() || !trained ? null
                : Diagnostics.identityCheck(model, data.values(), data.rows(), seed);
        Calibration calibration = spec.anomaly() == null || !trained ? null : calibrate(model, data, null, spec);
        return new Outcome(result, model, normalizer, identity, calibration, null);
    }

    /**
     * As {@link #train(Matrix, AutoencoderSpec, TrainingListener, TrainingState)}, on a table. A table of
     * plain numbers with every cell present trains exactly as that matrix would. Otherwise (a categorical
     * column or a missing cell) the spec's network must be over the table's layout
     * ({@link dev.hourglass.engine.spec.ArchitectureSpec#withTable}): a {@link TableCodec} fitted on the
     * training rows' observed cells turns the rows into the network's input, and the reconstruction scores
     * observed cells only.
     */
    public static Outcome train(Table table, AutoencoderSpec spec, TrainingListener listener, TrainingState checkpoint) {
        if (!table.typed() && spec.architecture().table() == null) {
            return train(new Matrix(table.values(), table.rows(), table.columns()), spec, listener, checkpoint);
        }
        if (!table.layout().equals(spec.architecture().table())) {
            throw new IllegalArgumentException("the network is over " + spec.architecture().table() + ", the table is "
                    + table.layout());
        }
        Problem.require(spec.problems(DataProfile.of(table)));
        long seed = spec.training().seed();
        int[] trainingRows = DataSplit.trainingRows(table.rows(), spec.training().validationFraction(), seed);
        TableCodec codec = TableCodec.fit(spec.normalization(), table, trainingRows);
        Matrix data = new Matrix(codec.encode(table), table.rows(), table.layout().width());
        float[] observed = table.observed();
        Autoencoder model = Autoencoder.initialize(spec.architecture(), seed);
        TrainingResult result = new Trainer().train(model, data.values(), observed, data.rows(), spec.training(), listener,
                checkpoint);
        boolean trained = result.modelEpoch() > 0;
        IdentityCheck identity = model.isVariational() || !trained ? null
                : Diagnostics.identityCheck(model, data.values(), data.rows(), seed);
        Calibration calibration = spec.anomaly() == null || !trained ? null : calibrate(model, data, observed, spec);
        return new Outcome(result, model, codec.normalizer(), identity, calibration, codec);
    }

    private static Calibration calibrate(Autoencoder model, Matrix data, float[] observed, AutoencoderSpec spec) {
        DataSplit split = DataSplit.of(data.rows(), spec.training().validationFraction(), spec.training().seed());
        int[] rows = split.validation().length > 0 ? split.validation()
                : Arrays.copyOf(split.training(), Math.min(split.training().length, Trainer.EVALUATION_ROWS));
        float[] heldOut = new float[rows.length * data.columns()];
        Kernels.gatherRows(data.values(), data.columns(), rows, 0, rows.length, heldOut);
        float[] heldOutObserved = null;
        if (observed != null) {
            int cols = model.spec().table().columns();
            heldOutObserved = new float[rows.length * cols];
            Kernels.gatherRows(observed, cols, rows, 0, rows.length, heldOutObserved);
        }
        Scores scores = AnomalyScorer.score(model, heldOut, heldOutObserved, rows.length, spec.anomaly().score(),
                AnomalyScorer.DEFAULT_SAMPLES, AnomalyScorer.DEFAULT_SEED, false);
        return Calibration.of(scores.scores(), spec.anomaly().score(), spec.anomaly().contamination());
    }
}
