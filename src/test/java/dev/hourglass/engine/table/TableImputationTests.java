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

    /** What a model's fills scored against the baselines, over the hidden cells. */
    record Report(double modelSquaredError, double meanSquaredError, int numericCells, double modelAccuracy,
                  double modeAccuracy, int categoricalCells) {

        double ratio() {
            return modelSquaredError / meanSquaredError;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "numeric: %d cells, model/mean squared error %.4f / %.4f = %.3f;"
                            + " categorical: %d cells, accuracy model %.3f vs mode %.3f", numericCells, modelSquaredError,
                    meanSquaredError, ratio(), categoricalCells, modelAccuracy, modeAccuracy);
        }
    }

    static AutoencoderSpec denoising(Table table, int[] encoder, int epochs) {
        ArchitectureSpec shape = new ArchitectureSpec(1, encoder, null, Activation.TANH, Activation.LINEAR, false)
                .withTable(table.layout());
        TrainingConfig training = new TrainingConfig(epochs, 32, OptimizerKind.ADAM, 3e-3f, 0.9f, 0f, LossKind.MSE, 0.1,
                7, 1, new Regularization(new Noise(NoiseKind.MASKING, 0.2f), null, null), null);
        return new AutoencoderSpec(Variant.DENOISING, shape, training, Normalization.ZSCORE);
    }

    /** Trains on the table with the hidden cells missing and scores its fills of them. */
    static Report impute(Table full, MixedTable.Hidden hidden, AutoencoderSpec spec) {
        Engine.Outcome outcome = Engine.train(hidden.table(), spec, TrainingListener.NONE, null);
        float[] filled = Imputation.impute(outcome.model(), outcome.codec(), hidden.table());
        int cols = full.columns();
        // the baselines: each column's mean and most frequent level over its observed cells
        double[] mean = new double[cols];
        int[] count = new int[cols];
        int[][] levels = new int[cols][];
        for (int c = 0; c < cols; c++) {
            levels[c] = new int[full.layout().size(c)];
        }
        for (int r = 0; r < full.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                if (hidden.table().present(r, c)) {
                    float v = full.values()[r * cols + c];
                    if (full.layout().categorical(c)) {
                        levels[c][(int) v]++;
                    } else {
                        mean[c] += v;
                        count[c]++;
                    }
                }
            }
        }
        double modelSq = 0;
        double meanSq = 0;
        int numeric = 0;
        int modelRight = 0;
        int modeRight = 0;
        int categorical = 0;
        for (int i : hidden.cells()) {
            int c = i % cols;
            float truth = full.values()[i];
            if (full.layout().categorical(c)) {
                categorical++;
                modelRight += filled[i] == truth ? 1 : 0;
                modeRight += argmax(levels[c]) == (int) truth ? 1 : 0;
            } else {
                numeric++;
                double m = mean[c] / count[c];
                modelSq += (filled[i] - truth) * (filled[i] - truth);
                meanSq += (m - truth) * (m - truth);
            }
        }
        return new Report(modelSq / numeric, meanSq / numeric, numeric, (double) modelRight / categorical,
                (double) modeRight / categorical, categorical);
    }

    private static int argmax(int[] counts) {
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            best = counts[k] > counts[best] ? k : best;
        }
        return best;
    }

    @Test
    void onTheSyntheticTableTheFillsBeatColumnMeansAndTheMode() {
        Table full = MixedTable.synthetic(3000, 1);
        Report report = impute(full, MixedTable.hide(full, 0.1, 5), denoising(full, new int[] {32, 6}, 30));
        System.out.println("synthetic table, 3000 rows, 10% of cells hidden: " + report);
        assertTrue(report.ratio() <= 0.7, report.toString());
        assertTrue(report.modelAccuracy() > report.modeAccuracy(), report.toString());
    }

    @Test
    void onIrisTheFillsBeatColumnMeansAndTheMode() {
        Table full = MixedTable.iris();
        Report report = impute(full, MixedTable.hide(full, 0.1, 5), denoising(full, new int[] {16, 3}, 300));
        System.out.println("iris, 150 rows, 10% of cells hidden: " + report);
        assertTrue(report.ratio() <= 0.7, report.toString());
        assertTrue(report.modelAccuracy() > report.modeAccuracy(), report.toString());
    }
}
