package dev.hourglass.inference;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import dev.hourglass.dataset.DatasetDeleted;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.util.unit.DataSize;

/**
 * The codes of a stored dataset's rows from one modality alone, per model, dataset and modality: what
 * {@code nearest} searches. Computing them reads and encodes the whole dataset, so they are kept in a
 * least-recently-used cache bounded by their bytes ({@code hourglass.inference.nearest-cache}, default 64MB); a
 * set larger than the bound is computed for its request and not kept. Loads are single-flight, as in
 * {@link ModelCache}.
 *
 * <p>An entry is dropped when its dataset is deleted ({@link DatasetDeleted}, after the deletion commits). Models
 * are never deleted (there is no such call), so an entry never outlives its model. Each node has its own cache and
 * hears only its own deletions; {@code nearest} looks the dataset up on every call, so another node's entry for a
 * deleted dataset is never answered from, only left for the bound to evict.
 */
@Component
class DatasetCodes {

    /** Which codes: those of {@code dataset}'s rows from {@code modality} alone, by {@code model}. */
    record Key(UUID model, UUID dataset, String modality) {
    }

    /** Bytes an entry costs besides its codes, so that many tiny entries cannot outgrow the bound. */
    static final long ENTRY_OVERHEAD = 256;

    /** rows(count, width) of codes, row-major. */
    record Codes(float[] values, int count, int width) {

        /** What an entry holds: its codes and, counted generously, its key, entry and map node. */
        long bytes() {
            return (long) values.length * Float.BYTES + ENTRY_OVERHEAD;
        }
    }

    private static final class Entry {
        final CompletableFuture<Codes> future = new CompletableFuture<>();
        /** 0 until the codes are computed: an entry in flight is not counted, nor evicted. */
        long bytes;
    }

    private final long capacity;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    DatasetCodes(@Value("${hourglass.inference.nearest-cache:64MB}") DataSize capacity) {
        this.capacity = capacity.toBytes();
    }

    /** The codes of {@code key}: cached, or computed by {@code compute} (once, however many callers wait). */
    Codes get(Key key, Supplier<Codes> compute) {
        Entry entry;
        boolean loader = false;
        synchronized (this) {
            entry = entries.get(key);
            if (entry == null) {
                entry = new Entry();
                entries.put(key, entry);
                loader = true;
            }
        }
        if (loader) {
            try {
                Codes codes = compute.get();
                synchronized (this) {
                    if (entries.get(key) == entry) {   // not dropped meanwhile by a deletion
                        entry.bytes = codes.bytes();
                        bytes += entry.bytes;
                        evict();
                    }
                }
                entry.future.complete(codes);
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    entries.remove(key, entry);   // a refusal or failure (an OutOfMemoryError too) is not cached
                }
                entry.future.completeExceptionally(e);
                if (e instanceof Error) {
                    throw e;                      // waiting callers get it wrapped; this one as it is
                }
            }
        }
        try {
            return entry.future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;   // an Error of the loader stays wrapped
        }
    }

    /** Drops the least recently used computed entries while the total is over the bound. */
    private void evict() {
        for (Iterator<Entry> it = entries.values().iterator(); bytes > capacity && it.hasNext(); ) {
            Entry eldest = it.next();
            if (eldest.bytes > 0) {
                bytes -= eldest.bytes;
                it.remove();
            }
        }
    }

    @TransactionalEventListener
    synchronized void on(DatasetDeleted deleted) {
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> e = it.next();
            if (e.getKey().dataset().equals(deleted.datasetId())) {
                bytes -= e.getValue().bytes;
                it.remove();
            }
        }
    }
}
