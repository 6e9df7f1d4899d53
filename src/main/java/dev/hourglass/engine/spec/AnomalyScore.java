package dev.hourglass.engine.spec;

/**
 * How a row's anomaly score is computed, in the model's normalized space.
 * <ul>
 *   <li>{@code MSE}: the mean over the row's columns of (x̂ − x)².</li>
 *   <li>{@code MAE}: the mean over the row's columns of |x̂ − x|.</li>
 *   <li>{@code LOG_PROBABILITY} (variational models): the negative Monte-Carlo reconstruction
 *   log-probability of An and Cho (2015), −(1/L) Σ_l log p(x | z_l) with z_l ~ q(z | x), summed over the
 *   columns; p is the model's likelihood (Bernoulli, or Gaussian with σ = 1 without its constant).</li>
 * </ul>
 * A column's error is its term of that sum (its squared or absolute error, or its negative
 * log-likelihood); its share of the score is its error over the row's total.
 */
public enum AnomalyScore {
    MSE, MAE, LOG_PROBABILITY
}
