package dev.hourglass.engine.kernel;

import static dev.hourglass.engine.TestData.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ParticipationTests {

    /** Steps until the end of the next probe's window with the workers, or without them. */
    private static void steps(Participation p, int count, long togetherNanos, long aloneNanos) {
        for (int i = 0; i < count; i++) {
            p.stepDone(p.serial() ? aloneNanos : togetherNanos, 128);
        }
    }

    @Test
    void theWorkersTakePartThroughTheFirstPeriodWhateverTheTimes() {
        Participation p = new Participation();
        for (int i = 0; i < Participation.PERIOD; i++) {
            assertThat(p.serial()).as("step %d", i).isFalse();
            p.stepDone(i % 2 == 0 ? 1_000_000 : 10, 128);
        }
        assertThat(p.serial()).as("the first probe opens with the workers").isFalse();
    }

    @Test
    void aProbeKeepsTheFasterModeUntilTheNextProbe() {
        Participation p = new Participation();
        steps(p, Participation.PERIOD, 1_000, 1_000);
        // the second vCPU stalls: steps with the workers take three times as long as steps without
        steps(p, 2 * Participation.PROBE, 3_000_000, 1_000_000);
        assertThat(p.serial()).as("without workers after a probe found them slower").isTrue();
        for (int i = 2 * Participation.PROBE; i < Participation.PERIOD - 1; i++) {
            p.stepDone(1_000_000, 128);
            assertThat(p.serial()).isTrue();
        }
        p.stepDone(1_000_000, 128);
        assertThat(p.serial()).as("the next probe starts with the workers").isFalse();
        // the vCPU is back: with the workers is twice as fast
        steps(p, 2 * Participation.PROBE, 500_000, 1_000_000);
        assertThat(p.serial()).isFalse();
        assertThat(p.switches()).isEqualTo(2);
    }

    @Test
    void aProbeComparesTimePerRowAndIgnoresOneOutlier() {
        Participation p = new Participation();
        steps(p, Participation.PERIOD, 1_000, 1_000);
        for (int i = 0; i < Participation.PROBE; i++) {
            p.stepDone(i == 3 ? 50_000_000 : 600_000, 128);   // one step with the workers hit a GC pause
        }
        for (int i = 0; i < Participation.PROBE; i++) {
            p.stepDone(500_000, 64);   // half the rows (an epoch's last batch) in 5/6 of the time: slower per row
        }
        assertThat(p.serial()).isFalse();
    }

    @Test
    void aContextThatStopsUsingItsWorkersComputesWhatOneThreadComputes() {
        int m = 128;
        int n = 300;
        int k = 200;
        float[] a = uniform(1, m * k, -1f, 1f);
        float[] b = uniform(2, k * n, -1f, 1f);
        float[] one = new float[m * n];
        float[] two = new float[m * n];
        try (ComputeContext serial = ComputeContext.create(1); ComputeContext ctx = ComputeContext.create(2)) {
            for (int step = 0; step < Participation.PERIOD + 2 * Participation.PROBE + 4; step++) {
                Kernels.gemm(serial, Transpose.NN, m, n, k, a, b, one, step > 0);
                Kernels.gemm(ctx, Transpose.NN, m, n, k, a, b, two, step > 0);
                assertArrayEquals(one, two, 0f, "step " + step);
                // steps without the workers look faster: the probe turns them off
                ctx.stepDone(ctx.participationSwitches() == 0 && step % (2 * Participation.PROBE)
                        >= Participation.PROBE ? 1_000 : 2_000, m);
            }
            assertThat(ctx.participationSwitches()).isEqualTo(1);
        }
    }
}
