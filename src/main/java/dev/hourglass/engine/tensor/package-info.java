/** Row-major {@code float[]} tensor conventions and the engine's deterministic random source. */
package dev.hourglass.engine.tensor;
