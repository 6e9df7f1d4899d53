package dev.hourglass.engine.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.hourglass.engine.TestData;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.Variational;
import dev.hourglass.engine.train.Autoencoder;

class AnomalyScorerTests {

    private static final Autoencoder AE = Autoencoder.initialize(new ArchitectureSpec(5, new int[] {3}, null,
            Activation.TANH, Activation.SIGMOID, false), 1);

    @Test
    void msesAndMaesAreMeansOverTheColumnsOfTheReconstructionsErrors() {
        float[] x = TestData.uniform(3, 300 * 5, 0f, 1f);   // more than one chunk of rows
        float[] y = AE.reconstruct(x, 300);
        Scores mse = AnomalyScorer.score(AE, x, 300, AnomalyScore.MSE, 1, 0, true);
        Scores mae = AnomalyScorer.score(AE, x, 300, AnomalyScore.MAE, 1, 0, false);
        assertNull(mae.columnErrors());
        for (int r = 0; r < 300; r++) {
            double sq = 0;
            double abs = 0;
            for (int c = 0; c < 5; c++) {
                double d = y[r * 5 + c] - x[r * 5 + c];
                sq += d * d;
                abs += Math.abs(d);
                assertEquals(d * d, mse.columnErrors()[r * 5 + c], 1e-7);
            }
            assertEquals(sq / 5, mse.scores()[r], 1e-7);
            assertEquals(sq, mse.totals()[r], 1e-6);
            assertEquals(abs / 5, mae.scores()[r], 1e-7);
        }
    }

    @Test
    void theLogProbabilityIsTheMeanNegativeLogLikelihoodOfTheDrawsSummedOverColumns() {
        // with σ → 0 (log σ² = −40) every draw is z = μ: the score is the likelihood of the mean reconstruction
        Autoencoder vae = Autoencoder.initialize(new ArchitectureSpec(4, new int[] {6}, null, Activation.TANH,
                Activation.SIGMOID, false, new Variational(2, 1f, Likelihood.BERNOULLI, 1)), 2);
        float[] headBias = vae.parameters().get(3);          // W1, b1, W_head, b_head, …
        float[] headWeight = vae.parameters().get(2);
        java.util.Arrays.fill(headWeight, 0f);
        headBias[0] = 0.3f;
        headBias[1] = -0.2f;
        headBias[2] = -40f;
        headBias[3] = -40f;
        float[] x = {0.1f, 0.9f, 0.5f, 0f};
        float[] logits = vae.decodeLogits(new float[] {0.3f, -0.2f}, 1);
        double expected = 0;
        for (int c = 0; c < 4; c++) {
            double p = 1 / (1 + Math.exp(-logits[c]));
            expected -= x[c] * Math.log(p) + (1 - x[c]) * Math.log(1 - p);
        }
        Scores s = AnomalyScorer.score(vae, x, 1, AnomalyScore.LOG_PROBABILITY, 7, 0, true);
        assertEquals(expected, s.scores()[0], 1e-5);
        assertEquals(s.totals()[0], s.scores()[0], 0.0);
    }

    @Test
    void onlyVariationalModelsHaveALikelihood() {
        assertThrows(IllegalArgumentException.class,
                () -> AnomalyScorer.score(AE, new float[5], 1, AnomalyScore.LOG_PROBABILITY, 16, 0, false));
        assertArrayEquals(new double[0], AnomalyScorer.score(AE, new float[0], 0, AnomalyScore.MSE, 1, 0, false).scores());
    }
}
