package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.TrainingConfig;
import org.junit.jupiter.api.Test;

class TrainerTests {

    private static final ArchitectureSpec SPEC =
            new ArchitectureSpec(100, new int[] {64, 12}, null, Activation.RELU, Activation.SIGMOID, false);

    private static TrainingConfig config(int epochs, OptimizerKind optimizer, int threads) {
        return new TrainingConfig(epochs, 100, optimizer, 1e-3f, 0.9f, 1e-4f, LossKind.MSE, 0.1, 7, threads);
    }

    /** Rows near one of a few random prototypes, in [0, 1]. */
    static float[] clusteredRows(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] prototypes = new float[6][cols];
        for (float[] p : prototypes) {
            for (int j = 0; j < cols; j++) {
                p[j] = (float) r.nextDouble();
            }
        }
        float[] x = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            float[] p = prototypes[r.nextInt(prototypes.length)];
            for (int j = 0; j < cols; j++) {
                x[i * cols + j] = Math.min(1f, Math.max(0f, p[j] + (float) (0.05 * (r.nextDouble() - 0.5))));
            }
        }
        return x;
    }

    private static double[] weights(Autoencoder model) {
        return ReferenceNet.flatten(model.parameters());
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsOnOneTwoOrThreeThreads() {
        float[] data = clusteredRows(450, 100, 1);
        for (OptimizerKind optimizer : OptimizerKind.values()) {
            double[] reference = null;
            for (int threads : new int[] {1, 2, 3}) {
                Autoencoder model = Autoencoder.initialize(SPEC, 3);
                new Trainer().train(model, data, 450, config(2, optimizer, threads), null, null);
                if (reference == null) {
                    reference = weights(model);
                } else {
                    assertArrayEquals(reference, weights(model), optimizer + " on " + threads + " threads");
                }
            }
        }
    }

    @Test
    void resumingFromACheckpointEndsWithTheSameWeightsAsNeverStopping() {
        float[] data = clusteredRows(450, 100, 2);
        for (OptimizerKind optimizer : OptimizerKind.values()) {
            TrainingConfig config = config(3, optimizer, 2);
            Autoencoder straight = Autoencoder.initialize(SPEC, 5);
            TrainingResult full = new Trainer().train(straight, data, 450, config, null, null);

            // first run: cancelled during epoch 2, keeping the serialized checkpoint of epoch 1
            Autoencoder interrupted = Autoencoder.initialize(SPEC, 5);
            List<byte[]> checkpoints = new ArrayList<>();
            AtomicInteger batches = new AtomicInteger();
            TrainingListener keep = new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, int batchesPerEpoch) {
                    batches.incrementAndGet();
                }

                @Override
                public void onEpoch(EpochReport report, TrainingState state) {
                    checkpoints.add(state.toBytes());
                }

                @Override
                public boolean stopRequested() {
                    return batches.get() == 7;
                }
            };
            TrainingResult first = new Trainer().train(interrupted, data, 450, config, keep, null);
            assertTrue(first.stopRequested());
            assertEquals(1, first.epochsCompleted());

            // a fresh process: new model instance, state from bytes
            Autoencoder resumed = Autoencoder.initialize(SPEC, 99);
            TrainingResult rest = new Trainer().train(resumed, data, 450, config, null,
                    TrainingState.fromBytes(checkpoints.get(0)));
            assertFalse(rest.stopRequested());
            assertEquals(3, rest.epochsCompleted());
            assertArrayEquals(weights(straight), weights(resumed), optimizer.toString());
            assertEquals(full.trainLoss(), rest.trainLoss());
            assertEquals(full.validationLoss(), rest.validationLoss());
        }
    }

    @Test
    void lossFallsOnA784To64To784NetOnSyntheticData() {
        ArchitectureSpec spec = new ArchitectureSpec(784, new int[] {64}, null, Activation.RELU, Activation.SIGMOID, false);
        float[] data = clusteredRows(600, 784, 3);
        List<EpochReport> reports = new ArrayList<>();
        TrainingResult result = new Trainer().train(Autoencoder.initialize(spec, 1), data, 600,
                new TrainingConfig(6, 32, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE, 0.2, 1, 2),
                new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport report, TrainingState state) {
                        reports.add(report);
                    }
                }, null);
        assertEquals(6, reports.size());
        double firstLoss = reports.get(0).trainLoss();
        double lastLoss = reports.get(5).trainLoss();
        assertTrue(lastLoss < 0.3 * firstLoss, "train loss " + firstLoss + " -> " + lastLoss);
        assertTrue(result.validationLoss() < 0.3 * reports.get(0).validationLoss());
        for (int e = 1; e < 6; e++) {
            assertTrue(reports.get(e).trainLoss() < reports.get(e - 1).trainLoss(), "epoch " + (e + 1));
        }
    }

    @Test
    void reportsCarryEpochsTermsAndThroughput() {
        float[] data = clusteredRows(250, 100, 4);
        List<EpochReport> reports = new ArrayList<>();
        AtomicInteger lastBatch = new AtomicInteger();
        new Trainer().train(Autoencoder.initialize(SPEC, 1), data, 250,
                new TrainingConfig(2, 64, OptimizerKind.ADAM, 1e-3f, 0f, 0.01f, LossKind.MSE, 0.0, 1, 1),
                new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batchesPerEpoch) {
                        assertEquals(4, batchesPerEpoch);   // 250 rows in batches of 64: 64, 64, 64, 58
                        lastBatch.set(batch);
                    }

                    @Override
                    public void onEpoch(EpochReport report, TrainingState state) {
                        reports.add(report);
                    }
                }, null);
        assertEquals(4, lastBatch.get());
        EpochReport r = reports.get(1);
        assertEquals(2, r.epoch());
        assertEquals(2, r.epochs());
        assertTrue(Double.isNaN(r.validationLoss()));
        assertEquals(r.trainLoss(), r.terms().get("reconstruction") + r.terms().get("weightDecay"), 1e-12);
        assertTrue(r.terms().get("weightDecay") > 0);
        assertTrue(r.samplesPerSecond() > 0 && r.seconds() > 0);
    }

    @Test
    void aDivergingRunFailsWithAdviceToLowerTheLearningRate() {
        ArchitectureSpec spec = new ArchitectureSpec(10, new int[] {8}, null, Activation.LINEAR, Activation.LINEAR, false);
        float[] data = uniform(1, 100 * 10, -100f, 100f);
        TrainingConfig config = new TrainingConfig(50, 10, OptimizerKind.SGD, 10f, 0f, 0f, LossKind.MSE, 0, 1, 1);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer().train(Autoencoder.initialize(spec, 1), data, 100, config, null, null));
        assertTrue(e.getMessage().contains("lower learning rate"), e.getMessage());
    }

    @Test
    void cancellationIsCheckedBeforeEveryBatch() {
        float[] data = clusteredRows(100, 100, 5);
        AtomicInteger batches = new AtomicInteger();
        TrainingResult r = new Trainer().train(Autoencoder.initialize(SPEC, 1), data, 100,
                new TrainingConfig(5, 10, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE, 0, 1, 1),
                new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batchesPerEpoch) {
                        batches.incrementAndGet();
                    }

                    @Override
                    public boolean stopRequested() {
                        return batches.get() >= 3;
                    }
                }, null);
        assertTrue(r.stopRequested());
        assertEquals(3, batches.get());
        assertEquals(0, r.epochsCompleted());
    }

    @Test
    void crossEntropyNeedsASigmoidOutput() {
        ArchitectureSpec linear = new ArchitectureSpec(10, new int[] {4}, null, Activation.RELU, Activation.LINEAR, false);
        TrainingConfig bce = new TrainingConfig(1, 10, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.BCE, 0, 1, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer().train(Autoencoder.initialize(linear, 1), new float[100], 10, bce, null, null));
    }

    @Test
    void theValidationSplitDependsOnlyOnTheSeed() {
        float[] data = clusteredRows(200, 100, 6);
        double[] losses = new double[2];
        for (int i = 0; i < 2; i++) {
            TrainingResult r = new Trainer().train(Autoencoder.initialize(SPEC, 1), data, 200,
                    new TrainingConfig(1, 50, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE, 0.25, 11, 1 + i),
                    null, null);
            losses[i] = r.validationLoss();
        }
        assertEquals(losses[0], losses[1]);
    }
}
