package dev.hourglass.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import dev.hourglass.engine.kernel.Kernels;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.TrainingConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("allocation")
class TrainingAllocationTests {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Records the training thread's allocated bytes at two batches of the last epoch; allocates nothing itself. */
    private static final class Probe implements TrainingListener {
        private final int epoch;
        private final int firstBatch;
        private final int lastBatch;
        long before;
        long after;

        Probe(int epoch, int firstBatch, int lastBatch) {
            this.epoch = epoch;
            this.firstBatch = firstBatch;
            this.lastBatch = lastBatch;
        }

        @Override
        public void onBatch(int e, int batch, int batchesPerEpoch) {
            if (e == epoch && batch == firstBatch) {
                before = THREADS.getCurrentThreadAllocatedBytes();
            } else if (e == epoch && batch == lastBatch) {
                after = THREADS.getCurrentThreadAllocatedBytes();
            }
        }
    }

    /**
     * Until C2 has compiled the kernels, the Vector API boxes every vector (megabytes per step), so
     * the test trains repeatedly on the same shapes and requires that the allocation per step in
     * the last epoch falls under the bound within a few runs, and stays there for the next run.
     */
    @Test
    void aSteadyStateTrainingStepAllocatesAlmostNothing() {
        Kernels.warmUp();
        ArchitectureSpec spec = new ArchitectureSpec(196, new int[] {64, 16}, null, Activation.RELU,
                Activation.SIGMOID, false);
        float[] data = TrainerTests.clusteredRows(64 * 40 + 17, 196, 9);
        for (int threads : new int[] {1, 2}) {
            TrainingConfig config = new TrainingConfig(3, 64, OptimizerKind.ADAM, 1e-3f, 0f, 1e-4f, LossKind.MSE,
                    0.0, 1, threads);
            StringBuilder history = new StringBuilder();
            int quiet = 0;
            for (int run = 0; run < 15 && quiet < 2; run++) {
                Probe probe = new Probe(3, 5, 35);
                new Trainer().train(Autoencoder.initialize(spec, 1), data, 64 * 40 + 17, config, probe, null);
                double perStep = (probe.after - probe.before) / 30.0;
                history.append(String.format(java.util.Locale.ROOT, " %.0f", perStep));
                quiet = perStep < 64 ? quiet + 1 : 0;
            }
            assertTrue(quiet == 2, "bytes per training step on " + threads + " threads, run by run:" + history);
        }
    }
}
