/** Reconstruction losses and their gradients with respect to the network output. */
package dev.hourglass.engine.loss;
