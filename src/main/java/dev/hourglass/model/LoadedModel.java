package dev.hourglass.model;

import java.util.UUID;

import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;

/** A model ready for inference: the network and the normalizer fitted on its training rows. */
public record LoadedModel(UUID id, Autoencoder autoencoder, Normalizer normalizer) {

    public int inputDim() {
        return autoencoder.inputDim();
    }

    public int codeDim() {
        return autoencoder.codeDim();
    }
}
