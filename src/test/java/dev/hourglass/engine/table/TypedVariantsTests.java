package dev.hourglass.engine.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.engine.spec.Variational;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingState;
import org.junit.jupiter.api.Test;

/**
 * Every variant trains on a typed table with missing cells: the loss falls, the numeric and categorical
 * parts are reported (the accuracy on validation rows too), and the same run gives the same weights.
 */
class TypedVariantsTests {

    static AutoencoderSpec spec(Variant variant, TableLayout layout) {
        Activation out = variant == Variant.VARIATIONAL ? Activation.LINEAR : Activation.SIGMOID;
        Variational vae = variant == Variant.VARIATIONAL ? new Variational(3, 1f, Likelihood.GAUSSIAN, 1) : null;
        ArchitectureSpec shape = new ArchitectureSpec(1, variant == Variant.VARIATIONAL ? new int[] {16} : new int[] {16, 4},
                null, Activation.TANH, out, false, vae,
                variant == Variant.SPARSE ? Activation.SIGMOID : null).withTable(layout);
        Regularization reg = switch (variant) {
            case DENOISING -> new Regularization(new Noise(NoiseKind.MASKING, 0.2f), null, null);
            case SPARSE -> new Regularization(null, new Sparsity(0.1f, 0.5f), null);
            case CONTRACTIVE -> new Regularization(null, null, new Contractive(1e-3f));
            default -> Regularization.NONE;
        };
        TrainingConfig training = new TrainingConfig(6, 64, OptimizerKind.ADAM, 1e-2f, 0.9f, 0f, LossKind.MSE, 0.2, 3, 1,
                reg, variant == Variant.STACKED ? new Stacking(2, true) : null);
        return new AutoencoderSpec(variant, shape, training, variant == Variant.VARIATIONAL ? Normalization.ZSCORE
                : Normalization.MINMAX);
    }

    private static final class Reports implements TrainingListener {
        final List<EpochReport> epochs = new ArrayList<>();

        @Override
        public void onEpoch(EpochReport report, TrainingState state) {
            epochs.add(report);
        }
    }

    @Test
    void everyVariantTrainsOnATypedTableWithMissingCells() {
        Table table = MixedTable.hide(MixedTable.synthetic(1500, 9), 0.1, 4).table();
        for (Variant variant : Variant.values()) {
            if (variant == Variant.MULTIMODAL) {
                continue;
            }
            Reports reports = new Reports();
            Engine.Outcome outcome = Engine.train(table, spec(variant, table.layout()), reports, null);
            EpochReport first = reports.epochs.get(0);
            EpochReport last = reports.epochs.get(reports.epochs.size() - 1);
            String name = variant + " " + last.terms();
            assertTrue(Double.isFinite(last.trainLoss()) && last.trainLoss() < first.trainLoss(), name);
            Map<String, Double> terms = last.terms();
            for (String metric : List.of("reconstructionNumeric", "reconstructionCategorical", "categoricalAccuracy",
                    "validationCategoricalAccuracy")) {
                assertTrue(terms.containsKey(metric), name + " reports " + metric);
            }
            assertTrue(terms.get("validationCategoricalAccuracy") > 0.5, name);
            Engine.Outcome again = Engine.train(table, spec(variant, table.layout()), TrainingListener.NONE, null);
            for (int p = 0; p < outcome.model().parameters().size(); p++) {
                assertArrayEquals(outcome.model().parameters().get(p), again.model().parameters().get(p), name);
            }
        }
    }

    @Test
    void aTableOfNumbersWithEveryCellPresentTrainsOnThePlainPath() {
        Table numbers = Table.numeric(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f}, 4, 2);
        AutoencoderSpec spec = new AutoencoderSpec(Variant.BASIC, new ArchitectureSpec(2, new int[] {1}, null,
                Activation.TANH, Activation.SIGMOID, false), new TrainingConfig(2, 2, OptimizerKind.ADAM, 1e-3f, 0.9f, 0f,
                LossKind.MSE, 0, 1, 1), Normalization.MINMAX);
        Engine.Outcome outcome = Engine.train(numbers, spec, TrainingListener.NONE, null);
        assertEquals(null, outcome.codec());
        assertEquals(null, outcome.model().spec().table());
    }
}
