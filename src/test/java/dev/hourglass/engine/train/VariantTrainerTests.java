package dev.hourglass.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Test;

/** Determinism, checkpoint resume and reporting for every variant, on small synthetic data. */
class VariantTrainerTests {

    private static final float[] DATA = TrainerTests.clusteredRows(450, 100, 21);

    private record Case(String name, ArchitectureSpec spec, Regularization reg, Stacking stacking, LossKind loss) {
        TrainingConfig config(int threads) {
            return new TrainingConfig(2, 64, OptimizerKind.ADAM, 2e-3f, 0f, 1e-4f, loss, 0.1, 13, threads, reg, stacking);
        }
    }

    private static ArchitectureSpec spec(Activation a, boolean tied, int... encoder) {
        return new ArchitectureSpec(100, encoder, null, a, Activation.SIGMOID, tied);
    }

    private static List<Case> cases() {
        return List.of(
                new Case("masking denoising, tied", spec(Activation.RELU, true, 64, 12),
                        new Regularization(new Noise(NoiseKind.MASKING, 0.3f), null, null), null, LossKind.BCE),
                new Case("gaussian denoising", spec(Activation.SIGMOID, false, 48),
                        new Regularization(new Noise(NoiseKind.GAUSSIAN, 0.2f), null, null), null, LossKind.MSE),
                new Case("sparse, tied", spec(Activation.SIGMOID, true, 64, 12),
                        new Regularization(null, new Sparsity(0.05f, 3f), null), null, LossKind.MSE),
                new Case("deep contractive", spec(Activation.SIGMOID, false, 64, 12),
                        new Regularization(null, null, new Contractive(0.01f)), null, LossKind.MSE),
                new Case("variational", new ArchitectureSpec(100, new int[] {40}, null, Activation.RELU,
                        Activation.SIGMOID, false, new Variational(6, 1f, Likelihood.BERNOULLI, 2)),
                        null, null, LossKind.MSE),
                new Case("stacked sparse denoising, tied", spec(Activation.SIGMOID, true, 64, 32, 12),
                        new Regularization(new Noise(NoiseKind.MASKING, 0.2f), new Sparsity(0.1f, 1f), null),
                        new Stacking(2, true), LossKind.MSE));
    }

    private static double[] weights(Autoencoder model) {
        return ReferenceNet.flatten(model.parameters());
    }

    @Test
    void everyVariantGivesBitIdenticalWeightsOnOneAndTwoThreads() {
        for (Case c : cases()) {
            Autoencoder one = Autoencoder.initialize(c.spec(), 3);
            new Trainer().train(one, DATA, 450, c.config(1), null, null);
            Autoencoder two = Autoencoder.initialize(c.spec(), 3);
            new Trainer().train(two, DATA, 450, c.config(2), null, null);
            assertArrayEquals(weights(one), weights(two), c.name());
        }
    }

    @Test
    void repeatedRunsAgreeBitForBitWhileTheJitWarmsUp() {
        // exp/tanh/sigmoid must not change their last bit when the JIT compiles the kernels
        for (Activation a : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.LEAKY_RELU}) {
            ArchitectureSpec spec = spec(a, false, 48);
            Case c = new Case(a.toString(), spec, new Regularization(new Noise(NoiseKind.GAUSSIAN, 0.2f), null, null),
                    null, LossKind.MSE);
            double[] first = null;
            for (int run = 0; run < 8; run++) {
                Autoencoder model = Autoencoder.initialize(spec, 3);
                new Trainer().train(model, DATA, 450, c.config(1 + run % 2), null, null);
                if (first == null) {
                    first = weights(model);
                } else {
                    assertArrayEquals(first, weights(model), a + " run " + run);
                }
            }
        }
    }

    @Test
    void everyVariantResumesFromAnyCheckpointToTheSameWeights() {
        for (Case c : cases()) {
            List<byte[]> checkpoints = new ArrayList<>();
            Autoencoder straight = Autoencoder.initialize(c.spec(), 5);
            TrainingResult full = new Trainer().train(straight, DATA, 450, c.config(2), new TrainingListener() {
                @Override
                public void onEpoch(EpochReport report, TrainingState state) {
                    checkpoints.add(state.toBytes());
                }
            }, null);
            for (int k = 0; k < checkpoints.size() - 1; k++) {
                TrainingState state = TrainingState.fromBytes(checkpoints.get(k));
                Autoencoder resumed = Autoencoder.initialize(c.spec(), 77);
                TrainingResult rest = new Trainer().train(resumed, DATA, 450, c.config(2), null, state);
                String where = c.name() + " from checkpoint " + k + " (" + state.phaseName() + ")";
                assertArrayEquals(weights(straight), weights(resumed), where);
                assertEquals(full.validationLoss(), rest.validationLoss(), where);
                assertEquals(full.epochsCompleted(), rest.epochsCompleted(), where);
            }
        }
    }

    @Test
    void reportsNameTheTermsOfEachVariantAndTheyAddUpToTheObjective() {
        for (Case c : cases()) {
            List<EpochReport> reports = new ArrayList<>();
            List<String> phases = new ArrayList<>();
            new Trainer().train(Autoencoder.initialize(c.spec(), 1), DATA, 450, c.config(1), new TrainingListener() {
                @Override
                public void onPhase(String phase, int index, int count) {
                    phases.add(phase + " " + index + "/" + count);
                }

                @Override
                public void onEpoch(EpochReport report, TrainingState state) {
                    reports.add(report);
                }
            }, null);
            EpochReport r = reports.get(reports.size() - 1);
            Map<String, Double> t = r.terms();
            double sum = t.get("reconstruction") + t.get("weightDecay") + t.getOrDefault("sparsityKl", 0.0)
                    + t.getOrDefault("contractive", 0.0)
                    + (c.spec().isVariational() ? c.spec().variational().klWeight() * t.get("kl") : 0.0);
            assertEquals(r.trainLoss(), sum, 1e-9 * Math.abs(sum), c.name());
            assertTrue(Double.isFinite(r.validationLoss()), c.name());
            if (c.reg() != null && c.reg().noise() != null) {
                assertTrue(t.containsKey("reconstructionClean") && t.containsKey("reconstructionCorrupted"), c.name());
            }
            if (c.reg() != null && c.reg().sparsity() != null) {
                assertTrue(t.get("meanActivation") > 0 && t.get("meanActivation") < 1, c.name());
            }
            if (c.reg() != null && c.reg().contractive() != null) {
                assertTrue(t.get("jacobianFrobenius") > 0, c.name());
            }
            if (c.spec().isVariational()) {
                assertEquals(-(t.get("reconstruction") + t.get("kl")), t.get("elbo"), 1e-9, c.name());
            }
            if (c.stacking() != null) {
                assertEquals(List.of("pretrain-1 1/4", "pretrain-2 2/4", "pretrain-3 3/4", "fine-tune 4/4"), phases);
                assertEquals(8, reports.size());
                assertEquals("pretrain-2", reports.get(2).phase());
            } else {
                assertEquals(List.of("train 1/1"), phases);
                assertEquals("train", r.phase());
            }
        }
    }

    @Test
    void invalidCombinationsAreRefusedWithTheReason() {
        TrainingConfig sparse = new TrainingConfig(1, 10, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE, 0, 1, 1,
                new Regularization(null, new Sparsity(0.05f, 1f), null), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer().train(
                Autoencoder.initialize(spec(Activation.RELU, false, 8), 1), DATA, 450, sparse, null, null));
        assertTrue(e.getMessage().contains("SIGMOID"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Autoencoder.initialize(new ArchitectureSpec(100, new int[] {8}, null,
                Activation.RELU, Activation.SIGMOID, true, new Variational(2, 1f, Likelihood.GAUSSIAN, 1)), 1));
        ArchitectureSpec vae = new ArchitectureSpec(100, new int[] {8}, null, Activation.RELU, Activation.LINEAR, false,
                new Variational(2, 1f, Likelihood.BERNOULLI, 1));
        assertThrows(IllegalArgumentException.class, () -> new Trainer().train(Autoencoder.initialize(vae, 1), DATA,
                450, new TrainingConfig(1, 10, OptimizerKind.ADAM, 1e-3f, 0f, 0f, LossKind.MSE, 0, 1, 1), null,
                null));
        assertThrows(IllegalArgumentException.class, () -> new Trainer().train(Autoencoder.initialize(
                new ArchitectureSpec(100, new int[] {8}, null, Activation.RELU, Activation.SIGMOID, false,
                        new Variational(2, 1f, Likelihood.BERNOULLI, 1)), 1), DATA, 450,
                sparse.with(null, new Stacking(1, true)), null, null));
        assertFalse(new Noise(NoiseKind.MASKING, 1f).problems().isEmpty());
        assertFalse(new Sparsity(0f, 1f).problems().isEmpty());
    }
}
