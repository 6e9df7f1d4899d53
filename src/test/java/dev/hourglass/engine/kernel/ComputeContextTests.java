package dev.hourglass.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class ComputeContextTests {

    /** Counts how often each unit ran; unit u of round r adds r + 1, so a unit run for the wrong round shows. */
    private static final class Counting implements ComputeContext.Task {
        final AtomicIntegerArray sums = new AtomicIntegerArray(64);
        int units;
        int round;

        @Override
        public int units() {
            return units;
        }

        @Override
        public void run(int unit, float[] scratch) {
            sums.addAndGet(unit, round + 1);
        }
    }

    @Test
    void everyUnitRunsExactlyOnceForItsOwnTaskAcrossManyBackToBackTasks() {
        try (ComputeContext ctx = ComputeContext.create(3)) {
            Counting a = new Counting();
            Counting b = new Counting();
            for (int round = 0; round < 20_000; round++) {
                Counting t = round % 2 == 0 ? a : b;
                t.units = 1 + round % 37;
                t.round = round;
                for (int u = 0; u < 64; u++) {
                    t.sums.set(u, 0);
                }
                ctx.run(t);
                for (int u = 0; u < 64; u++) {
                    assertEquals(u < t.units ? round + 1 : 0, t.sums.get(u), "round " + round + " unit " + u);
                }
            }
        }
    }

    @Test
    void aFailureInAnyUnitReachesTheCallerAndTheContextStaysUsable() {
        try (ComputeContext ctx = ComputeContext.create(2)) {
            for (int rep = 0; rep < 100; rep++) {
                assertThrows(IllegalStateException.class, () -> ctx.run(new ComputeContext.Task() {
                    @Override
                    public int units() {
                        return 8;
                    }

                    @Override
                    public void run(int unit, float[] scratch) {
                        if (unit == 5) {
                            throw new IllegalStateException("boom");
                        }
                    }
                }));
            }
            Counting ok = new Counting();
            ok.units = 8;
            ctx.run(ok);
            assertEquals(1, ok.sums.get(7));
        }
    }

    @Test
    void theSerialContextRunsOnTheCallingThreadOnly() {
        ComputeContext ctx = ComputeContext.serial();
        Thread caller = Thread.currentThread();
        ctx.run(new ComputeContext.Task() {
            @Override
            public int units() {
                return 3;
            }

            @Override
            public void run(int unit, float[] scratch) {
                assertEquals(caller, Thread.currentThread());
            }
        });
    }
}
