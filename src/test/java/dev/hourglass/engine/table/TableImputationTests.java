package dev.hourglass.engine.table;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.engine.train.TrainingListener;
import org.junit.jupiter.api.Test;

/**
 * Imputation beats the baselines: 10% of a table's observed cells are hidden (seeded), a model trains on
 * what is left and fills them; its numeric fills have a lower squared error than the column means of the
 * observed training cells, and its categorical fills a higher accuracy than the most frequent level.
 */
class TableImputationTests {

    static AutoencoderSpec denoising(Table table, int[] encoder, int epochs) {
        ArchitectureSpec shape = new ArchitectureSpec(1, encoder, null, Activation.TANH, Activation.LINEAR, false)
                .withTable(table.layout());
        TrainingConfig training = new TrainingConfig(epochs, 32, OptimizerKind.ADAM, 3e-3f, 0.9f, 0f, LossKind.MSE, 0.1,
                7, 1, new Regularization(new Noise(NoiseKind.MASKING, 0.2f), null, null), null);
        return new AutoencoderSpec(Variant.DENOISING, shape, training, Normalization.ZSCORE);
    }

    /** Trains on the table with the hidden cells missing and scores its fills of them. */
    static MixedTable.Report impute(Table full, MixedTable.Hidden hidden, AutoencoderSpec spec) {
        Engine.Outcome outcome = Engine.train(hidden.table(), spec, TrainingListener.NONE, null);
        return MixedTable.score(full, hidden, Imputation.impute(outcome.model(), outcome.codec(), hidden.table()));
    }

    @Test
    void onTheSyntheticTableTheFillsBeatColumnMeansAndTheMode() {
        Table full = MixedTable.synthetic(3000, 1);
        MixedTable.Report report = impute(full, MixedTable.hide(full, 0.1, 5), denoising(full, new int[] {32, 6}, 30));
        System.out.println("synthetic table, 3000 rows, 10% of cells hidden: " + report);
        assertTrue(report.ratio() <= 0.7, report.toString());
        assertTrue(report.modelAccuracy() > report.modeAccuracy(), report.toString());
    }

    @Test
    void onIrisTheFillsBeatColumnMeansAndTheMode() {
        Table full = MixedTable.iris();
        MixedTable.Report report = impute(full, MixedTable.hide(full, 0.1, 5), denoising(full, new int[] {16, 3}, 300));
        System.out.println("iris, 150 rows, 10% of cells hidden: " + report);
        assertTrue(report.ratio() <= 0.7, report.toString());
        assertTrue(report.modelAccuracy() > report.modeAccuracy(), report.toString());
    }
}
