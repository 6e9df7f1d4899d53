package dev.hourglass.engine.kernel;

/**
 * Element-wise functions the kernels know. Each derivative is written in terms of the function's
 * output {@code y = f(z)}, so the backward pass needs only the stored activations.
 */
public enum Nonlinearity {
    /** y = 1 / (1 + e^-z); f' = y (1 - y). */
    SIGMOID,
    /** y = tanh z; f' = 1 - y². */
    TANH,
    /** y = max(z, 0); f' = [y > 0]. */
    RELU,
    /** y = z if z > 0 else 0.01 z; f' = 1 if y > 0 else 0.01. */
    LEAKY_RELU,
    /** y = z; f' = 1. */
    LINEAR;

    /** Slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final float LEAKY_SLOPE = 0.01f;
}
