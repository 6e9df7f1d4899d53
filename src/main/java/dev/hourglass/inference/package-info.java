/**
 * Inference on trained models: encode, decode and reconstruct, with input rows validated and
 * normalized by the model's own normalizer, and models cached after their first load.
 */
package dev.hourglass.inference;
