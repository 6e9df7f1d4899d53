package dev.hourglass.engine.spec;

/**
 * Per-column affine input normalization {@code x' = (x − a) · b}, fitted on the training rows
 * (see {@link dev.hourglass.engine.train.Normalizer}).
 * <ul>
 *   <li>{@code NONE}: a = 0, b = 1.</li>
 *   <li>{@code MINMAX}: a = min, b = 1 / (max − min); a constant column has range 1. Values land in [0, 1].</li>
 *   <li>{@code ZSCORE}: a = mean, b = 1 / std (population std); std 0 counts as 1.</li>
 * </ul>
 */
public enum Normalization {
    NONE, MINMAX, ZSCORE
}
