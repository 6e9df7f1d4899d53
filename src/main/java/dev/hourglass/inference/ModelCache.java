package dev.hourglass.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.Models;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Least-recently-used cache of decoded models. Models are immutable once published, so an entry never
 * goes stale. Loads are single-flight: a burst of requests for a model not yet cached waits for one
 * load instead of each reading and decoding the file (hundreds of MB for a large model).
 */
@Component
class ModelCache {

    private final Models models;
    private final Map<UUID, CompletableFuture<LoadedModel>> entries;

    ModelCache(Models models, @Value("${hourglass.model-cache-size:32}") int capacity) {
        this.models = models;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, CompletableFuture<LoadedModel>> eldest) {
                return size() > capacity;
            }
        };
    }

    LoadedModel get(UUID id) {
        CompletableFuture<LoadedModel> future;
        boolean loader = false;
        synchronized (entries) {
            future = entries.get(id);
            if (future == null) {
                future = new CompletableFuture<>();
                entries.put(id, future);
                loader = true;
            }
        }
        if (loader) {
            try {
                future.complete(models.load(id));
            } catch (RuntimeException e) {
                synchronized (entries) {
                    entries.remove(id, future);   // not cached: an unknown id may exist later (import)
                }
                future.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
