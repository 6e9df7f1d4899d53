/**
 * Penalties added to the reconstruction loss, each a forward that returns its value and a backward
 * that adds its exact gradient where the training step asks for it: KL sparsity on the code layer,
 * the contractive Jacobian penalty, the KL of a Gaussian posterior to N(0, I), and the input
 * corruption of a denoising autoencoder. Weight decay is folded into the optimizer's update.
 */
package dev.hourglass.engine.regularizer;
