package dev.hourglass.engine;

import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.DataProfile;
import dev.hourglass.engine.spec.Problem;
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
     */
    public record Outcome(TrainingResult result, Autoencoder model, Normalizer normalizer, IdentityCheck identityCheck) {
    }

    /**
     * Fits the normalizer on the training rows of the seed's split and normalizes {@code data} in place,
     * initializes the network from the seed, trains it (from {@code checkpoint}, a state the listener
     * received, when given) until the plan ends, early stopping ends it or the listener asks to stop,
     * and checks whether the result copies its input.
     *
     * @throws IllegalArgumentException if the spec has {@link AutoencoderSpec#problems problems} on this data
     * @throws dev.hourglass.engine.train.TrainingDivergedException if the loss becomes NaN or infinite
     */
    public static Outcome train(Matrix data, AutoencoderSpec spec, TrainingListener listener, TrainingState checkpoint) {
        Problem.require(spec.problems(DataProfile.of(data.values(), data.rows(), data.columns())));
        long seed = spec.training().seed();
        int[] trainingRows = DataSplit.trainingRows(data.rows(), spec.training().validationFraction(), seed);
        Normalizer normalizer = Normalizer.fit(spec.normalization(), data.values(), data.columns(), trainingRows);
        normalizer.applyInPlace(data.values(), data.rows());
        Autoencoder model = Autoencoder.initialize(spec.architecture(), seed);
        TrainingResult result = new Trainer().train(model, data.values(), data.rows(), spec.training(), listener,
                checkpoint);
        IdentityCheck identity = model.isVariational() || result.modelEpoch() == 0 ? null
                : Diagnostics.identityCheck(model, data.values(), data.rows(), seed);
        return new Outcome(result, model, normalizer, identity);
    }
}
