package dev.hourglass.job;

/**
 * What a transform writes per row of its dataset, in the caller's units, as {@code encode},
 * {@code reconstruct} and {@code score} answer for that row.
 * <ul>
 *   <li>{@code CODES}: the row's code (a variational model's μ), columns {@code code0 …}.</li>
 *   <li>{@code RECONSTRUCTIONS}: the row as the model reconstructs it, in the dataset's columns.</li>
 *   <li>{@code SCORES}: its anomaly {@code score}; with a calibrated model also {@code anomaly} (1 above the
 *   threshold, else 0) and {@code pValue}.</li>
 * </ul>
 */
public enum TransformOutput {
    CODES, RECONSTRUCTIONS, SCORES
}
