package dev.hourglass.engine.train;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TrainingConfig;

/**
 * The phases of a run. One phase, "train", for {@code epochs}; or with {@link Stacking} one phase per
 * encoder layer ("pretrain-i": layer i and its mirror, on the codes of the layers below, for
 * pretrainEpochs) and then, if fineTune, "fine-tune" end to end for {@code epochs}. Every phase takes
 * the regularization blocks; inner phases reconstruct codes, with the hidden activation on their
 * output, so they use BCE only when that is SIGMOID and the config asks for BCE (MSE otherwise).
 */
final class Plan {

    private Plan() {
    }

    static List<Stage> of(Autoencoder model, TrainingConfig config) {
        Stacking stacking = config.stacking();
        List<Stage> plan = new ArrayList<>();
        if (stacking == null) {
            plan.add(new Stage("train", model, 0, config.epochs(), config.loss()));
            return plan;
        }
        int layers = model.spec().encoder().length;
        for (int i = 0; i < layers; i++) {
            boolean bce = config.loss() == LossKind.BCE && (i == 0 || model.spec().activation() == Activation.SIGMOID);
            plan.add(new Stage("pretrain-" + (i + 1), model.stage(i), i, stacking.pretrainEpochs(),
                    bce ? LossKind.BCE : LossKind.MSE));
        }
        if (stacking.fineTune()) {
            plan.add(new Stage("fine-tune", model, 0, config.epochs(), config.loss()));
        }
        return plan;
    }

    /** Epochs of the phases before {@code phase}. */
    static int epochsBefore(List<Stage> plan, int phase) {
        int epochs = 0;
        for (int p = 0; p < phase; p++) {
            epochs += plan.get(p).epochs();
        }
        return epochs;
    }
}
