package dev.hourglass.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import dev.hourglass.engine.optim.OptimizerKind;
import org.junit.jupiter.api.Test;

class TrainingStateTests {

    private static TrainingState sample() {
        return new TrainingState(4, 0x1234_5678_9ABC_DEF0L, OptimizerKind.ADAM, 1234, 0.25, Double.NaN,
                List.of(new float[] {1f, -2f, 3.5f}, new float[] {}), List.of(new float[] {0.5f}, new float[] {7f, 8f}));
    }

    @Test
    void bytesRoundTripEveryField() {
        TrainingState s = TrainingState.fromBytes(sample().toBytes());
        assertEquals(4, s.completedEpochs());
        assertEquals(0x1234_5678_9ABC_DEF0L, s.rngState());
        assertEquals(OptimizerKind.ADAM, s.optimizer());
        assertEquals(1234, s.optimizerSteps());
        assertEquals(0.25, s.lastTrainLoss());
        assertEquals(Double.NaN, s.lastValidationLoss());
        assertArrayEquals(new float[] {1f, -2f, 3.5f}, s.parameters().get(0));
        assertEquals(0, s.parameters().get(1).length);
        assertArrayEquals(new float[] {7f, 8f}, s.optimizerState().get(1));
    }

    @Test
    void thePhaseOfAStackedRunRoundTrips() {
        TrainingState s = TrainingState.fromBytes(new TrainingState(2, "pretrain-3", 1, 9L, OptimizerKind.SGD, 3, 0.5,
                0.6, List.of(new float[] {1f}), List.of(), List.of(), null).toBytes());
        assertEquals(2, s.phase());
        assertEquals("pretrain-3", s.phaseName());
        assertEquals(1, s.completedEpochs());
        assertEquals(0, sample().phase());
        assertEquals("train", sample().phaseName());
    }

    @Test
    void versionOneStatesStillReadAsTheSingleTrainPhase() {
        // version 1: magic, version, epochs, rng, optimizer, steps, two losses, two empty lists
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 + 4 + 8 + 4 + 8 + 8 + 8 + 4 + 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x48475453).putInt(1).putInt(3).putLong(5L).putInt(OptimizerKind.ADAM.ordinal()).putLong(7L)
                .putDouble(0.1).putDouble(0.2).putInt(0).putInt(0);
        TrainingState s = TrainingState.fromBytes(b.array());
        assertEquals(0, s.phase());
        assertEquals("train", s.phaseName());
        assertEquals(3, s.completedEpochs());
        assertEquals(7L, s.optimizerSteps());
    }

    @Test
    void corruptOrForeignBytesAreRejected() {
        byte[] bytes = sample().toBytes();
        assertThrows(IllegalArgumentException.class, () -> TrainingState.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)));
        byte[] foreign = bytes.clone();
        foreign[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> TrainingState.fromBytes(foreign));
        byte[] future = bytes.clone();
        future[4] = 9;
        assertThrows(IllegalArgumentException.class, () -> TrainingState.fromBytes(future));
    }

    @Test
    void theSnapshotIsACopyOfTheLiveArrays() {
        float[] live = {1f};
        TrainingState s = new TrainingState(1, 0, OptimizerKind.SGD, 1, 0, 0, List.of(live), List.of());
        live[0] = 2f;
        assertEquals(1f, s.parameters().get(0)[0]);
    }
}
