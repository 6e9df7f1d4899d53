/**
 * Trained models: the published artifact (spec, normalizer and weights in one versioned binary format),
 * the per-epoch metrics history, their read API, and how a model reads a stored dataset's rows
 * ({@code ModelInputs}: whether they fit it, and they as its input and codes), described by the caller since this
 * module does not know datasets. Depends on {@code engine} only.
 */
package dev.hourglass.model;
