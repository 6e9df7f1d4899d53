package dev.hourglass.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.anomaly.AnomalyScorer;
import dev.hourglass.engine.spec.Anomaly;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.train.TrainingListener;
import org.junit.jupiter.api.Test;

/**
 * Mixed-table anomaly: a model trained on the synthetic table scores rows whose region and tier never
 * occur together above the 99th percentile of normal rows it has not seen, though every number in
 * them is normal.
 */
class MixedAnomalyTests {

    @Test
    void impossibleLevelCombinationsScoreAboveTheNormalRows99thPercentile() {
        Table training = MixedTable.synthetic(3000, 1);
        AutoencoderSpec base = TableImputationTests.denoising(training, new int[] {32, 6}, 30);
        AutoencoderSpec spec = new AutoencoderSpec(base.variant(), base.architecture(), base.training(),
                base.normalization(), new Anomaly(0.01, AnomalyScore.MSE));
        Engine.Outcome outcome = Engine.train(training, spec, TrainingListener.NONE, null);

        Table normal = MixedTable.synthetic(1000, 2);
        Table impossible = MixedTable.impossibleTiers(MixedTable.synthetic(200, 3));
        double[] normalScores = scores(outcome, normal);
        double[] impossibleScores = scores(outcome, impossible);
        double[] sorted = normalScores.clone();
        Arrays.sort(sorted);
        double p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
        long above = Arrays.stream(impossibleScores).filter(s -> s > p99).count();
        double lowest = Arrays.stream(impossibleScores).min().orElseThrow();
        System.out.printf("mixed-table anomaly: normal p99 %.4f, impossible rows min %.4f, %d of %d above p99;"
                + " stored threshold %.4f%n", p99, lowest, above, impossibleScores.length, outcome.calibration().threshold());
        assertEquals(impossibleScores.length, above, "every impossible row scores above the normal rows' p99 " + p99);
        assertTrue(outcome.calibration().threshold() < lowest, "the calibrated threshold flags them all");
    }

    private static double[] scores(Engine.Outcome outcome, Table rows) {
        return AnomalyScorer.score(outcome.model(), outcome.codec().encode(rows), rows.observed(), rows.rows(),
                AnomalyScore.MSE, AnomalyScorer.DEFAULT_SAMPLES, AnomalyScorer.DEFAULT_SEED, false).scores();
    }
}
