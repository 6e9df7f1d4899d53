package dev.hourglass.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class ComputeContextTests {

    @Test
    void everyParticipantRunsItsShareOncePerTask() {
        try (ComputeContext ctx = ComputeContext.create(3)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            for (int rep = 0; rep < 1000; rep++) {
                ctx.run((worker, workers) -> {
                    assertEquals(3, workers);
                    runs.incrementAndGet(worker);
                });
            }
            assertArrayEquals(new int[] {1000, 1000, 1000},
                    new int[] {runs.get(0), runs.get(1), runs.get(2)});
        }
    }

    @Test
    void aFailureInAWorkerReachesTheCaller() {
        try (ComputeContext ctx = ComputeContext.create(2)) {
            assertThrows(IllegalStateException.class, () -> ctx.run((worker, workers) -> {
                if (worker == 1) {
                    throw new IllegalStateException("boom");
                }
            }));
            ctx.run((worker, workers) -> { });
        }
    }

    @Test
    void theSerialContextRunsOnTheCallingThreadOnly() {
        ComputeContext ctx = ComputeContext.serial();
        Thread caller = Thread.currentThread();
        ctx.run((worker, workers) -> {
            assertEquals(1, workers);
            assertEquals(caller, Thread.currentThread());
        });
    }
}
