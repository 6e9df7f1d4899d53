package dev.hourglass.job;

/** What a job does: train a model from a spec, or run a dataset through a model into a new dataset. */
public enum JobKind {
    TRAINING, TRANSFORM
}
