/** Optimizers (SGD, momentum, Adam) with extractable state for checkpoints. */
package dev.hourglass.engine.optim;
