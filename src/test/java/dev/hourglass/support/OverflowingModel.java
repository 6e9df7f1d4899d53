package dev.hourglass.support;

import java.util.Arrays;

import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.model.LoadedModel;

/** A model whose float32 arithmetic a finite row can overflow, for the tests of how such rows are refused. */
public final class OverflowingModel {

    private OverflowingModel() {
    }

    /**
     * 8 → 4 → 8, RELU, linear output, no normalization, every first-layer weight 1: a row of 3e38 sums to
     * +∞ in the code, a row of 1e15 stays finite. Calibrated on the scores 0.1 … 0.4 at contamination 0.25.
     */
    public static LoadedModel create() {
        Autoencoder net = Autoencoder.initialize(new ArchitectureSpec(8, new int[] {4}, null, Activation.RELU,
                Activation.LINEAR, false), 3L);
        Arrays.fill(net.parameters().get(0), 1f);
        return new LoadedModel(null, net, Normalizer.fit(Normalization.NONE, new float[8], 1, 8), null,
                Calibration.of(new double[] {0.1, 0.2, 0.3, 0.4}, AnomalyScore.MSE, 0.25));
    }
}
