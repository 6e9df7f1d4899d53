package dev.hourglass.engine.anomaly;

import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.kernel.Errors;
import dev.hourglass.engine.kernel.Penalties;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.train.Autoencoder;

/**
 * Scores rows by how badly a model reconstructs them (see {@link AnomalyScore}), in the model's
 * normalized space. Safe to call from many threads on one model: it only reads the parameters.
 *
 * <p>LOG_PROBABILITY draws L values of z per row from a stream seeded by the request's seed and the
 * row's own bits, so a row scores the same alone, in a batch or in a transform, and the same seed
 * gives the same scores.
 */
public final class AnomalyScorer {

    /** Draws of z per row for LOG_PROBABILITY when the caller names none. */
    public static final int DEFAULT_SAMPLES = 16;
    /** The seed of those draws when the caller names none. */
    public static final long DEFAULT_SEED = 0;
    /** Rows scored per forward pass: bounds the memory of L draws per row. */
    private static final int CHUNK = 256;

    private AnomalyScorer() {
    }

    /**
     * Scores rows(count, inputDim), already normalized. {@code samples} and {@code seed} apply to
     * LOG_PROBABILITY only; {@code keepColumnErrors} keeps each column's error for attribution.
     */
    public static Scores score(Autoencoder model, float[] rows, int count, AnomalyScore kind, int samples, long seed,
                               boolean keepColumnErrors) {
        return score(model, rows, null, count, kind, samples, seed, keepColumnErrors);
    }

    /**
     * As above; for a model over a typed table, {@code observed(count, table columns)} says which cells
     * have a value (null: all do). There a column's error is its numeric cell's squared or absolute
     * error, or its categorical cell's cross-entropy −log p(level) (LOG_PROBABILITY: the cell's negative
     * log-likelihood), a missing cell's error is 0, and MSE and MAE average over the observed columns.
     */
    public static Scores score(Autoencoder model, float[] rows, float[] observed, int count, AnomalyScore kind,
                               int samples, long seed, boolean keepColumnErrors) {
        if (model.spec().table() != null) {
            return TableScores.score(model, rows, observed, count, kind, samples, seed, keepColumnErrors);
        }
        if (kind == AnomalyScore.LOG_PROBABILITY && !model.isVariational()) {
            throw new IllegalArgumentException("LOG_PROBABILITY needs a variational model");
        }
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1: " + samples);
        }
        int n = model.inputDim();
        double[] totals = new double[count];
        float[] all = keepColumnErrors && count > CHUNK ? new float[count * n] : null;
        for (int from = 0; from < count; from += CHUNK) {
            int m = Math.min(CHUNK, count - from);
            float[] x = java.util.Arrays.copyOfRange(rows, from * n, (from + m) * n);
            float[] e = kind == AnomalyScore.LOG_PROBABILITY ? negativeLogLikelihood(model, x, m, samples, seed)
                    : reconstructionErrors(model, x, m, kind);
            double[] sums = new double[m];
            Errors.rowSums(e, m, n, sums);
            System.arraycopy(sums, 0, totals, from, m);
            if (keepColumnErrors && count <= CHUNK) {
                all = e;                                   // one chunk: its errors are all of them
            } else if (keepColumnErrors) {
                System.arraycopy(e, 0, all, from * n, m * n);
            }
        }
        double[] scores = new double[count];
        for (int r = 0; r < count; r++) {
            scores[r] = kind == AnomalyScore.LOG_PROBABILITY ? totals[r] : totals[r] / n;
        }
        return new Scores(scores, totals, all, n);
    }

    private static float[] reconstructionErrors(Autoencoder model, float[] x, int m, AnomalyScore kind) {
        float[] y = model.reconstruct(x, m);
        float[] e = new float[x.length];
        if (kind == AnomalyScore.MSE) {
            Errors.squared(y, x, e, x.length);
        } else {
            Errors.absolute(y, x, e, x.length);
        }
        return e;
    }

    /**
     * L draws z_l = μ + σ ⊙ ε_l for each of rows x(m, inputDim), ε_l from the row's own stream (seeded by
     * {@code seed} and the row's bits): (L·m, latentDim), copy l of the batch in rows [l·m, (l+1)·m).
     */
    static float[] latentDraws(Autoencoder model, float[] x, int m, int samples, long seed) {
        int n = model.inputDim();
        int k = model.codeDim();
        float[] head = model.encodeHead(x, m);
        float[] eps = new float[samples * m * k];
        float[] row = new float[samples * k];
        for (int i = 0; i < m; i++) {
            Draws.gaussian(row, row.length, new SplitMix64(seed ^ Errors.hash(x, i * n, n)));
            for (int s = 0; s < samples; s++) {   // draw s of row i goes to copy s of the batch
                System.arraycopy(row, s * k, eps, (s * m + i) * k, k);
            }
        }
        float[] z = new float[samples * m * k];
        Penalties.reparameterize(head, m, k, eps, samples, z);
        return z;
    }

    /** Per column, −(1/L) Σ_l log p(x_c | z_l) with z_l = μ + σ ⊙ ε_l drawn from each row's own stream. */
    private static float[] negativeLogLikelihood(Autoencoder model, float[] x, int m, int samples, long seed) {
        int n = model.inputDim();
        float[] z = latentDraws(model, x, m, samples, seed);
        boolean bernoulli = model.spec().variational().likelihood() == Likelihood.BERNOULLI;
        float[] out = bernoulli ? model.decodeLogits(z, samples * m) : model.decode(z, samples * m);
        float[] e = new float[m * n];
        float share = 1f / samples;
        for (int s = 0; s < samples; s++) {
            if (bernoulli) {
                Errors.addBernoulliNll(out, s * m * n, x, e, m * n, share);
            } else {
                Errors.addHalfSquared(out, s * m * n, x, e, m * n, share);
            }
        }
        return e;
    }
}
