package dev.hourglass.model;

import java.util.List;
import java.util.UUID;

import dev.hourglass.engine.anomaly.Calibration;

import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;

/**
 * A model ready for inference: the network, the normalizer fitted on its training rows, its columns'
 * names (null for files that predate them) and its anomaly calibration (null if it has none).
 */
public record LoadedModel(UUID id, Autoencoder autoencoder, Normalizer normalizer, List<String> featureNames,
                          Calibration calibration) {

    public int inputDim() {
        return autoencoder.inputDim();
    }

    public int codeDim() {
        return autoencoder.codeDim();
    }
}
