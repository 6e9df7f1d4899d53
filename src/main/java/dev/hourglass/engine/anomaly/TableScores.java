package dev.hourglass.engine.anomaly;

import java.util.Arrays;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.layer.OutputHeads;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.train.Autoencoder;

/**
 * {@link AnomalyScorer} for a model over a typed table: one error per table column, computed from the
 * output logits, missing cells left out. The draws of LOG_PROBABILITY follow the plain scorer: each
 * row's own stream, seeded by the request's seed and the row's bits.
 */
final class TableScores {

    private static final int CHUNK = 256;

    private TableScores() {
    }

    static Scores score(Autoencoder model, float[] rows, float[] observed, int count, AnomalyScore kind, int samples,
                        long seed, boolean keepColumnErrors) {
        TableLayout table = model.spec().table();
        int n = model.inputDim();
        int cols = table.columns();
        double[] scores = new double[count];
        double[] totals = new double[count];
        float[] errors = new float[count * cols];
        for (int from = 0; from < count; from += CHUNK) {
            int m = Math.min(CHUNK, count - from);
            float[] x = Arrays.copyOfRange(rows, from * n, (from + m) * n);
            float[] e = new float[m * cols];
            if (kind == AnomalyScore.LOG_PROBABILITY) {
                negativeLogLikelihood(model, x, observed, from, m, samples, seed, e);
            } else {
                cellErrors(model.spec().outputActivation(), table, model.reconstructLogits(x, m), 0, x, observed, from, m,
                        kind == AnomalyScore.MSE ? Cell.SQUARED : Cell.ABSOLUTE, 1f, e);
            }
            System.arraycopy(e, 0, errors, from * cols, m * cols);
        }
        for (int r = 0; r < count; r++) {
            double sum = 0;
            int present = 0;
            for (int c = 0; c < cols; c++) {
                sum += errors[r * cols + c];
                present += observed == null || observed[r * cols + c] != 0f ? 1 : 0;
            }
            totals[r] = sum;
            scores[r] = kind == AnomalyScore.LOG_PROBABILITY ? sum : present == 0 ? 0 : sum / present;
        }
        return new Scores(scores, totals, keepColumnErrors ? errors : null, cols);
    }

    /** How a numeric cell's error is measured. */
    private enum Cell { SQUARED, ABSOLUTE, BERNOULLI, HALF_SQUARED }

    /**
     * e(m, columns) += share × each observed cell's error, from the logits {@code z[zFrom …]} of m rows;
     * {@code x} the rows as the network took them, their flags at row {@code first} of {@code observed}.
     */
    private static void cellErrors(Activation head, TableLayout table, float[] z, int zFrom, float[] x,
                                   float[] observed, int first, int m, Cell cell, float share, float[] e) {
        int n = table.width();
        int cols = table.columns();
        int[] offsets = table.offsets();
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < cols; c++) {
                if (observed != null && observed[(first + r) * cols + c] == 0f) {
                    continue;
                }
                int p = offsets[c];
                int zi = zFrom + r * n + p;
                double error;
                if (table.categorical(c)) {
                    int level = OutputHeads.argmax(x, r * n + p, r * n + offsets[c + 1]);
                    error = OutputHeads.logSumExp(z, zi, zi + offsets[c + 1] - p) - z[zi + level];
                } else {
                    double target = x[r * n + p];
                    double y = head == Activation.SIGMOID ? OutputHeads.sigmoid(z[zi]) : z[zi];
                    error = switch (cell) {
                        case SQUARED -> (y - target) * (y - target);
                        case ABSOLUTE -> Math.abs(y - target);
                        case HALF_SQUARED -> (y - target) * (y - target) / 2;
                        case BERNOULLI -> OutputHeads.binaryCrossEntropy(z[zi], target);
                    };
                }
                e[r * cols + c] += (float) (share * error);
            }
        }
    }

    /** Per cell, −(1/L) Σ_l log p(x_c | z_l), z_l = μ + σ ⊙ ε_l from each row's own stream. */
    private static void negativeLogLikelihood(Autoencoder model, float[] x, float[] observed, int first, int m,
                                              int samples, long seed, float[] e) {
        int n = model.inputDim();
        float[] logits = model.decodeLogits(AnomalyScorer.latentDraws(model, x, m, samples, seed), samples * m);
        Cell cell = model.spec().variational().likelihood() == Likelihood.BERNOULLI ? Cell.BERNOULLI : Cell.HALF_SQUARED;
        for (int s = 0; s < samples; s++) {
            cellErrors(model.spec().outputActivation(), model.spec().table(), logits, s * m * n, x, observed, first, m,
                    cell, 1f / samples, e);
        }
    }
}
