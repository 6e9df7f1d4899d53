/**
 * Trained models: the published artifact (spec, normalizer and weights in one versioned binary format),
 * the per-epoch metrics history, and their read API. Depends on {@code engine} only.
 */
package dev.hourglass.model;
