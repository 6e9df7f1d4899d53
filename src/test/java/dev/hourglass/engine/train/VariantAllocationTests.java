package dev.hourglass.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The variants' slots (corruption, penalties, sampling) keep the training step allocation-free. */
@Tag("allocation")
class VariantAllocationTests {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final class Probe implements TrainingListener {
        long before;
        long after;

        @Override
        public void onBatch(int epoch, int batch, int batchesPerEpoch) {
            if (epoch == 2 && batch == 5) {
                before = THREADS.getCurrentThreadAllocatedBytes();
            } else if (epoch == 2 && batch == 35) {
                after = THREADS.getCurrentThreadAllocatedBytes();
            }
        }
    }

    private static void assertQuiet(String name, ArchitectureSpec spec, Regularization reg) {
        float[] data = TrainerTests.clusteredRows(64 * 40, 196, 9);
        StringBuilder history = new StringBuilder();
        int quiet = 0;
        for (int run = 0; run < 15 && quiet < 2; run++) {
            Probe probe = new Probe();
            new Trainer().train(Autoencoder.initialize(spec, 1), data, 64 * 40, new TrainingConfig(2, 64,
                    OptimizerKind.ADAM, 1e-3f, 0f, 1e-4f, LossKind.MSE, 0.0, 1, 2, reg, null), probe, null);
            double perStep = (probe.after - probe.before) / 30.0;
            history.append(String.format(java.util.Locale.ROOT, " %.0f", perStep));
            quiet = perStep < 64 ? quiet + 1 : 0;
        }
        assertTrue(quiet == 2, name + ": bytes per training step, run by run:" + history);
    }

    @Test
    void sparseDenoisingDeepContractiveVariationalAndMultimodalStepsAllocateAlmostNothing() {
        Kernels.warmUp();
        assertQuiet("sparse denoising deep contractive",
                new ArchitectureSpec(196, new int[] {64, 16}, null, Activation.SIGMOID, Activation.SIGMOID, false),
                new Regularization(new Noise(NoiseKind.MASKING, 0.3f), new Sparsity(0.1f, 1f), new Contractive(1e-3f)));
        assertQuiet("variational, two samples, gaussian noise",
                new ArchitectureSpec(196, new int[] {64}, null, Activation.RELU, Activation.SIGMOID, false,
                        new Variational(8, 1f, Likelihood.BERNOULLI, 2)),
                new Regularization(new Noise(NoiseKind.GAUSSIAN, 0.1f), null, null));
        Multimodal halves = new Multimodal(java.util.List.of(new Multimodal.Modality("a", 98, new int[] {32}),
                new Multimodal.Modality("b", 98, new int[] {32})), Multimodal.DEFAULT_SINGLE_FRACTION, 0.5f);
        assertQuiet("multimodal, presentations, alignment, masking noise",
                new ArchitectureSpec(196, halves.encoderWidths(new int[] {16}), null, Activation.RELU, Activation.SIGMOID,
                        false, null, null, null, halves),
                new Regularization(new Noise(NoiseKind.MASKING, 0.2f), null, null));
    }
}
