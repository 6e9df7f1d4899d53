/**
 * What to train, as values: the network's shape, how to train it, the blocks that make a variant
 * (noise, sparsity, contractive, variational, stacking) and the enums of a training spec.
 */
package dev.hourglass.engine.spec;
