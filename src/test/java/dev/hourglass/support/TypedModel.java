package dev.hourglass.support;

import java.util.UUID;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.Anomaly;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.engine.table.MixedTable;
import dev.hourglass.engine.table.Table;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.TableColumns;

/**
 * A model trained on a typed table, as inference loads one: {@link MixedTable#synthetic} (columns x1, region,
 * x2, x3, tier, x4; regions east, north, south, west; tiers gold, silver) with 10% of its cells missing,
 * 800 rows, 40 epochs of a 10-8-3 net, calibrated. Trained once per test JVM (about a second).
 */
public final class TypedModel {

    public static final UUID ID = UUID.fromString("7c4e2a10-3b5d-4e6f-8a9b-0c1d2e3f4a5b");

    private static LoadedModel model;

    private TypedModel() {
    }

    public static synchronized LoadedModel get() {
        if (model == null) {
            Table table = MixedTable.hide(MixedTable.synthetic(800, 11), 0.1, 5).table();
            ArchitectureSpec shape = new ArchitectureSpec(1, new int[] {8, 3}, null, Activation.TANH, Activation.LINEAR,
                    false).withTable(table.layout());
            TrainingConfig training = new TrainingConfig(40, 32, OptimizerKind.ADAM, 3e-3f, 0.9f, 0f, LossKind.MSE, 0.1,
                    7, 1);
            Engine.Outcome trained = Engine.train(table, new AutoencoderSpec(Variant.BASIC, shape, training,
                    Normalization.ZSCORE, new Anomaly(0.05, AnomalyScore.MSE)), TrainingListener.NONE, null);
            model = new LoadedModel(ID, trained.model(), trained.normalizer(), MixedTable.SYNTHETIC_COLUMNS,
                    trained.calibration(), new TableColumns(MixedTable.syntheticLevels(), trained.codec()));
        }
        return model;
    }
}
