package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.hourglass.dataset.DatasetDeleted;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DatasetCodesTests {

    private static final UUID MODEL = UUID.randomUUID();
    private static final UUID ONE = UUID.randomUUID();
    private static final UUID TWO = UUID.randomUUID();

    private final AtomicInteger computed = new AtomicInteger();

    /** 100 codes of width 1: 400 bytes, and the entry's overhead. */
    private Supplier<DatasetCodes.Codes> codes() {
        return () -> {
            computed.incrementAndGet();
            return new DatasetCodes.Codes(new float[100], 100, 1);
        };
    }

    private static DatasetCodes.Key key(UUID dataset, String modality) {
        return new DatasetCodes.Key(MODEL, dataset, modality);
    }

    @Test
    void keepsCodesUntilTheirBytesExceedTheBoundThenEvictsTheLeastRecentlyUsed() {
        DatasetCodes cache = new DatasetCodes(DataSize.ofBytes(2 * (400 + DatasetCodes.ENTRY_OVERHEAD)));
        cache.get(key(ONE, "left"), codes());
        cache.get(key(TWO, "left"), codes());
        cache.get(key(ONE, "left"), codes());   // cached; now the most recently used
        assertThat(computed).hasValue(2);

        cache.get(key(ONE, "right"), codes());   // three entries: the least recently used (TWO) goes
        cache.get(key(ONE, "left"), codes());
        assertThat(computed).hasValue(3);
        cache.get(key(TWO, "left"), codes());
        assertThat(computed).hasValue(4);
    }

    @Test
    void codesLargerThanTheBoundAreComputedForEachCall() {
        DatasetCodes cache = new DatasetCodes(DataSize.ofBytes(100));
        cache.get(key(ONE, "left"), codes());
        cache.get(key(ONE, "left"), codes());
        assertThat(computed).hasValue(2);
    }

    @Test
    void aDeletedDatasetsCodesAreDroppedAndOthersKept() {
        DatasetCodes cache = new DatasetCodes(DataSize.ofMegabytes(1));
        cache.get(key(ONE, "left"), codes());
        cache.get(key(ONE, "right"), codes());
        cache.get(key(TWO, "left"), codes());

        cache.on(new DatasetDeleted(ONE));
        cache.get(key(TWO, "left"), codes());
        assertThat(computed).hasValue(3);
        cache.get(key(ONE, "left"), codes());
        cache.get(key(ONE, "right"), codes());
        assertThat(computed).hasValue(5);
    }

    @Test
    void aFailureIsNotCached() {
        DatasetCodes cache = new DatasetCodes(DataSize.ofMegabytes(1));
        assertThatThrownBy(() -> cache.get(key(ONE, "left"), () -> {
            throw new IllegalStateException("dataset gone");
        })).hasMessage("dataset gone");
        cache.get(key(ONE, "left"), codes());
        assertThat(computed).hasValue(1);
    }
}
