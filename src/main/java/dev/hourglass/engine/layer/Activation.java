package dev.hourglass.engine.layer;

import dev.hourglass.engine.kernel.Nonlinearity;

/** Activation functions of a layer; {@code LEAKY_RELU} has slope 0.01 for negative inputs. */
public enum Activation {
    SIGMOID(Nonlinearity.SIGMOID),
    TANH(Nonlinearity.TANH),
    RELU(Nonlinearity.RELU),
    LEAKY_RELU(Nonlinearity.LEAKY_RELU),
    LINEAR(Nonlinearity.LINEAR);

    private final Nonlinearity nonlinearity;

    Activation(Nonlinearity nonlinearity) {
        this.nonlinearity = nonlinearity;
    }

    /** The kernel-level function. */
    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }
}
