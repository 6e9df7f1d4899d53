package dev.hourglass.support;

import java.util.UUID;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.model.LoadedModel;

/** A small untrained model of plain numbers, 3 → 2 → 3 (tanh, linear output, no normalization), for controller tests. */
public final class PlainModel {

    private PlainModel() {
    }

    public static LoadedModel of(UUID id) {
        ArchitectureSpec spec = new ArchitectureSpec(3, new int[] {2}, null, Activation.TANH, Activation.LINEAR, false);
        return new LoadedModel(id, Autoencoder.initialize(spec, 7), Normalizer.fit(Normalization.NONE, new float[3], 1, 3),
                null, null);
    }
}
