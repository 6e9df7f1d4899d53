package dev.hourglass.inference;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.Models;
import dev.hourglass.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Least-recently-used cache of decoded models. Models are immutable once published, so an entry never
 * goes stale. Loads are single-flight: a burst of requests for a model not yet cached waits for one
 * load instead of each reading and decoding the file (hundreds of MB for a large model). A load that fails
 * in any way (an OutOfMemoryError too) is not cached and completes its waiters, and a waiter gives up after
 * {@code hourglass.inference.model-load-timeout} with a 503 {@code model-loading} while the load goes on.
 */
@Component
class ModelCache {

    private final Models models;
    private final Map<UUID, CompletableFuture<LoadedModel>> entries;
    private final Duration loadTimeout;

    ModelCache(Models models, @Value("${hourglass.model-cache-size:32}") int capacity,
            @Value("${hourglass.inference.model-load-timeout:60s}") Duration loadTimeout) {
        this.models = models;
        this.loadTimeout = loadTimeout;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, CompletableFuture<LoadedModel>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The model, if the caller may see it (another tenant's is a 404 as a missing one is, cached or not). */
    LoadedModel get(UUID id) {
        models.checkVisible(id);
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
                LoadedModel model = models.load(id);
                future.complete(model);
                return model;
            } catch (RuntimeException | Error e) {
                synchronized (entries) {
                    entries.remove(id, future);   // not cached: an unknown id may exist later (import), an Error may pass
                }
                future.completeExceptionally(e);
                throw e;                          // waiting callers get it wrapped; the loader as it is
            }
        }
        try {
            return future.get(loadTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(
                    "Loading model " + id + " failed", e.getCause());   // an Error of the loader, logged as a 500
        } catch (TimeoutException e) {
            throw ApiException.unavailable("model-loading", "Model " + id + " is still loading after "
                    + loadTimeout.toSeconds() + " s; retry later", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("model-loading", "Interrupted while model " + id + " was loading", 5);
        }
    }
}
