package dev.hourglass.engine.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.Anomaly;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;

class CalibrationTests {

    @Test
    void quantilesInterpolateBetweenOrderStatisticsAndPValuesCountTheScoresAtOrAbove() {
        // sorted scores 1..10; q = 0.9: h = 9·0.9 = 8.1, so 9 + 0.1·(10 − 9) = 9.1; p50: h = 4.5, 5.5
        Calibration c = Calibration.of(new double[] {10, 3, 1, 2, 4, 5, 6, 7, 8, 9}, AnomalyScore.MSE, 0.1);
        assertEquals(9.1, c.threshold(), 1e-12);
        assertEquals(5.5, c.quantiles().p50(), 1e-12);
        assertEquals(9.1, c.quantiles().p90(), 1e-12);
        assertEquals(10, c.rows());
        assertEquals(8.2, c.thresholdAt(0.2), 1e-12);                 // h = 9·0.8 = 7.2: 8 + 0.2
        // (1 + #{≥ s}) / (n + 1): s = 9.5 has 1 score at or above, s = 5 has 6, s = 11 none, s = 0 all ten
        assertEquals(2 / 11.0, c.pValue(9.5), 1e-12);
        assertEquals(7 / 11.0, c.pValue(5), 1e-12);
        assertEquals(1 / 11.0, c.pValue(11), 1e-12);
        assertEquals(1.0, c.pValue(0), 1e-12);
    }

    @Test
    void manyScoresAreKeptEvenlySubsampledWithTheirExtremes() {
        double[] scores = new double[25_001];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scores.length - i;              // 25,001 … 1, in reverse
        }
        Calibration c = Calibration.of(scores, AnomalyScore.MAE, 0.01);
        double[] kept = c.sortedScores();
        assertEquals(Calibration.MAX_SCORES, kept.length);
        assertEquals(1, kept[0]);
        assertEquals(25_001, kept[kept.length - 1]);
        double[] sorted = kept.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, kept);
        assertEquals(25_001, c.rows());
        assertEquals(0.99 * 25_000 + 1, c.threshold(), 1e-9);    // the threshold comes from every score
    }

    @Test
    void pValuesOfFreshNormalRowsAreUniformAndFallAsScoresRise() {
        float[] train = TabularData.rows(5000, 1);
        AutoencoderSpec spec = new AutoencoderSpec(Variant.BASIC,
                new ArchitectureSpec(TabularData.COLUMNS, new int[] {16, 3}, null, Activation.TANH, Activation.LINEAR, false),
                new TrainingConfig(30, 64, OptimizerKind.ADAM, 3e-3f, 0f, 0f, LossKind.MSE, 0.25, 3, 2),
                Normalization.ZSCORE, new Anomaly(0.05, AnomalyScore.MSE));
        Engine.Outcome outcome = Engine.train(new Engine.Matrix(train, 5000, TabularData.COLUMNS), spec, null, null);
        Calibration calibration = outcome.calibration();
        assertEquals(1250, calibration.rows());                   // the validation rows

        int n = 2000;
        float[] fresh = TabularData.rows(n, 2);
        outcome.normalizer().applyInPlace(fresh, n);
        double[] scores = AnomalyScorer.score(outcome.model(), fresh, n, AnomalyScore.MSE, 1, 0, false).scores();
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = calibration.pValue(scores[i]);
        }
        double ks = kolmogorovSmirnovUniform(p);
        long flagged = Arrays.stream(scores).filter(s -> s > calibration.threshold()).count();
        System.out.printf("calibration: KS %.4f on %d fresh rows; %d flagged at contamination 0.05%n", ks, n, flagged);
        assertTrue(ks < 0.1, "KS statistic " + ks);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        for (int i = 1; i < n; i++) {
            assertTrue(p[order[i]] <= p[order[i - 1]], "p-values fall as scores rise");
        }
    }

    /** sup_x |F_n(x) − x| of the sample against U(0, 1). */
    static double kolmogorovSmirnovUniform(double[] sample) {
        double[] s = sample.clone();
        Arrays.sort(s);
        double d = 0;
        for (int i = 0; i < s.length; i++) {
            d = Math.max(d, Math.max((i + 1.0) / s.length - s[i], s[i] - (double) i / s.length));
        }
        return d;
    }
}
