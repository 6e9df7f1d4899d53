/** The autoencoder model, its synchronous trainer, checkpoints and input normalization. */
package dev.hourglass.engine.train;
