package dev.hourglass.engine.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.hourglass.engine.Engine;
import dev.hourglass.engine.FashionMnist;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.Anomaly;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.engine.spec.Variational;
import dev.hourglass.engine.train.DataSplit;

/**
 * One-class detection on Fashion-MNIST: the models learn 3,000 T-shirts (class 0) as normal; 1,000
 * other T-shirts are the held-out normal rows and the 1,806 images of the other nine classes in the
 * 2,000-image fixture are the anomalies. AUC is the probability that an anomaly scores above a normal
 * row.
 */
class DetectionTests {

    private static final int TRAIN = 3000;
    private static final float[] TSHIRTS = FashionMnist.tshirts();
    private static final float[] OTHERS = otherClasses();

    private static float[] otherClasses() {
        float[] images = FashionMnist.fixture();
        int[] labels = FashionMnist.labels();
        int[] rows = IntStream.range(0, labels.length).filter(i -> labels[i] != 0).toArray();
        float[] out = new float[rows.length * 784];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(images, rows[i] * 784, out, i * 784, 784);
        }
        return out;
    }

    private static Engine.Outcome train(Variant variant, ArchitectureSpec architecture, AnomalyScore score) {
        TrainingConfig config = new TrainingConfig(40, 64, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE, 0.2, 7, 2);
        return Engine.train(new Engine.Matrix(Arrays.copyOf(TSHIRTS, TRAIN * 784), TRAIN, 784),
                new AutoencoderSpec(variant, architecture, config, Normalization.MINMAX, new Anomaly(0.01, score)), null, null);
    }

    /** Held-out normal rows then anomalies, normalized for the outcome's model. */
    private static float[][] heldOut(Engine.Outcome outcome) {
        float[] normal = Arrays.copyOfRange(TSHIRTS, TRAIN * 784, TSHIRTS.length);
        float[] anomalies = OTHERS.clone();
        outcome.normalizer().applyInPlace(normal, normal.length / 784);
        outcome.normalizer().applyInPlace(anomalies, anomalies.length / 784);
        return new float[][] {normal, anomalies};
    }

    private static double[] scores(Engine.Outcome outcome, float[] rows, AnomalyScore score, long seed) {
        return AnomalyScorer.score(outcome.model(), rows, rows.length / 784, score, AnomalyScorer.DEFAULT_SAMPLES, seed,
                false).scores();
    }

    @Test
    void anAutoencoderOfOneClassRanksTheOthersAboveItAsWellAsPcaAndItsThresholdFlagsTheContamination() {
        Engine.Outcome ae = train(Variant.BASIC, new ArchitectureSpec(784, new int[] {128, 16}, null, Activation.RELU,
                Activation.SIGMOID, false), AnomalyScore.MSE);
        float[][] held = heldOut(ae);
        double[] normal = scores(ae, held[0], AnomalyScore.MSE, 0);
        double[] anomalous = scores(ae, held[1], AnomalyScore.MSE, 0);
        double aeAuc = Roc.auc(normal, anomalous);

        // PCA with the same code size, on the same normalized training rows of the same split
        float[] train = Arrays.copyOf(TSHIRTS, TRAIN * 784);
        ae.normalizer().applyInPlace(train, TRAIN);
        int[] rows = DataSplit.trainingRows(TRAIN, 0.2, 7);
        float[] fit = new float[rows.length * 784];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(train, rows[i] * 784, fit, i * 784, 784);
        }
        Pca pca = Pca.fit(fit, rows.length, 784, 16);
        double[] pcaNormal = IntStream.range(0, normal.length).mapToDouble(i -> pca.error(held[0], i)).toArray();
        double[] pcaAnomalous = IntStream.range(0, anomalous.length).mapToDouble(i -> pca.error(held[1], i)).toArray();
        double pcaAuc = Roc.auc(pcaNormal, pcaAnomalous);

        double flagged = Arrays.stream(normal).filter(s -> s > ae.calibration().threshold()).count() / (double) normal.length;
        System.out.printf("detection: AE 784-128-16 AUC %.4f, PCA-16 AUC %.4f; threshold %.5f flags %.2f%% of %d held-out "
                + "normal rows at contamination 1%%%n", aeAuc, pcaAuc, ae.calibration().threshold(), 100 * flagged, normal.length);
        assertTrue(aeAuc >= pcaAuc, "AE AUC " + aeAuc + " vs PCA " + pcaAuc);
        assertTrue(Math.abs(flagged - 0.01) <= 0.015, "flagged " + flagged);
    }

    @Test
    void theVariationalLogProbabilitySeparatesTheClassesAndTheSameSeedGivesTheSameScores() {
        StringBuilder report = new StringBuilder("detection, VAE 784-128-(μ16|σ16):");
        for (Likelihood likelihood : Likelihood.values()) {
            Engine.Outcome vae = train(Variant.VARIATIONAL, new ArchitectureSpec(784, new int[] {128}, null,
                    Activation.RELU, Activation.SIGMOID, false, new Variational(16, 1f, likelihood, 1)),
                    AnomalyScore.LOG_PROBABILITY);
            float[][] held = heldOut(vae);
            double logProbability = Roc.auc(scores(vae, held[0], AnomalyScore.LOG_PROBABILITY, 0),
                    scores(vae, held[1], AnomalyScore.LOG_PROBABILITY, 0));
            double mse = Roc.auc(scores(vae, held[0], AnomalyScore.MSE, 0), scores(vae, held[1], AnomalyScore.MSE, 0));
            report.append(String.format(" %s likelihood: LOG_PROBABILITY AUC %.4f, MSE AUC %.4f;", likelihood,
                    logProbability, mse));
            assertTrue(logProbability > 0.6, likelihood + " LOG_PROBABILITY AUC " + logProbability);
            if (likelihood == Likelihood.GAUSSIAN) {
                assertTrue(logProbability > 0.85, "GAUSSIAN LOG_PROBABILITY AUC " + logProbability);
            }

            float[] some = Arrays.copyOf(held[1], 40 * 784);
            double[] first = scores(vae, some, AnomalyScore.LOG_PROBABILITY, 5);
            assertArrayEquals(first, scores(vae, some, AnomalyScore.LOG_PROBABILITY, 5), "same seed, same scores");
            assertFalse(Arrays.equals(first, scores(vae, some, AnomalyScore.LOG_PROBABILITY, 6)), "another seed, other draws");
            float[] alone = Arrays.copyOfRange(some, 17 * 784, 18 * 784);
            assertArrayEquals(new double[] {first[17]}, scores(vae, alone, AnomalyScore.LOG_PROBABILITY, 5),
                    "a row scores the same alone as in a batch");
        }
        System.out.println(report);
    }
}
