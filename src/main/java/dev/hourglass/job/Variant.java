package dev.hourglass.job;

/** The headline of a training spec; it decides which blocks of the spec are required. */
public enum Variant {
    BASIC, DENOISING, SPARSE, CONTRACTIVE, VARIATIONAL, STACKED, MULTIMODAL
}
