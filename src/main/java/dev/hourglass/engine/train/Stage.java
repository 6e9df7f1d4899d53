package dev.hourglass.engine.train;

import dev.hourglass.engine.spec.LossKind;

/**
 * One phase of a plan: which layers train ({@code model}, sharing its layers with the whole network),
 * on the codes of which layer of the whole network ({@code inputLayer}; 0: the rows themselves), with
 * which reconstruction loss, for how many epochs.
 */
record Stage(String name, Autoencoder model, int inputLayer, int epochs, LossKind loss) {
}
