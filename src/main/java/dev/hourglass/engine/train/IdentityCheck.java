package dev.hourglass.engine.train;

/**
 * Whether a model merely copies its input (see {@link Diagnostics#identityCheck}).
 *
 * @param dataError           reconstruction MSE (mean over elements) on data rows
 * @param randomInputError    reconstruction MSE on uniform random rows within the data's per-column range
 * @param randomBaselineError MSE of the data's column means as the "reconstruction" of those random rows:
 *                            what a model that ignores its input would score on them
 * @param copiesInput         randomInputError &lt; {@link Diagnostics#COPY_FRACTION} · randomBaselineError
 */
public record IdentityCheck(double dataError, double randomInputError, double randomBaselineError,
                            boolean copiesInput) {
}
