/**
 * Hourglass's array engine: plain Java, no Spring, no native code. {@link dev.hourglass.engine.Engine}
 * is the entry point: rows and an {@link dev.hourglass.engine.spec.AutoencoderSpec} in, a trained
 * model out. Inside, by package: {@code spec} (what to train, and the one set of rules that decides
 * what the engine trains), {@code train} (the network, the trainer, checkpoints), {@code objective}
 * (the loss terms), {@code layer}, {@code optim}, {@code kernel} (the only code that loops over
 * arrays, SIMD with scalar twins) and {@code random}.
 */
package dev.hourglass.engine;
