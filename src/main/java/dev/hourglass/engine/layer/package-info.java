/** Layers that own parameters and gradients and compose kernels into forward and backward passes. */
package dev.hourglass.engine.layer;
