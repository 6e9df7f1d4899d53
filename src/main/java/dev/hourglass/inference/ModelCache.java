package dev.hourglass.inference;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.Models;
import dev.hourglass.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Cache of decoded models, bounded by what they weigh: the bytes of their parameters (a loaded model holds no
 * gradients, see {@code Autoencoder.forInference}), at most {@code hourglass.model-cache-bytes} in all, evicted by
 * Caffeine's frequency and recency policy. A model heavier than the whole cache is answered and not kept. Models are
 * immutable once published, so an entry never goes stale. Loads are single-flight: a burst of requests for a model
 * not yet cached waits for one load, run on the first request's thread, instead of each reading and decoding the
 * file (hundreds of MB for a large model). A load that fails in any way (an OutOfMemoryError too) is not cached and
 * completes its waiters, and a waiter gives up after {@code hourglass.inference.model-load-timeout} with a 503
 * {@code model-loading} while the load goes on.
 */
@Component
class ModelCache {

    private final Models models;
    /** A load in flight weighs 0 until it completes (Caffeine weighs a future's value). */
    private final AsyncCache<UUID, LoadedModel> entries;
    private final Duration loadTimeout;

    ModelCache(Models models, @Value("${hourglass.model-cache-bytes:512MB}") DataSize capacity,
            @Value("${hourglass.inference.model-load-timeout:60s}") Duration loadTimeout) {
        this.models = models;
        this.loadTimeout = loadTimeout;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(capacity.toBytes())
                .weigher((UUID id, LoadedModel model) -> (int) Math.min(Integer.MAX_VALUE, model.parameterBytes()))
                .executor(Runnable::run)   // eviction on the caller's thread, as it happens: no pool of its own
                .buildAsync();
    }

    /** The model, if the caller may see it (another tenant's is a 404 as a missing one is, cached or not). */
    LoadedModel get(UUID id) {
        models.checkVisible(id);
        CompletableFuture<LoadedModel> mine = new CompletableFuture<>();
        CompletableFuture<LoadedModel> future = entries.asMap().putIfAbsent(id, mine);
        if (future == null) {
            try {
                LoadedModel model = models.load(id);
                mine.complete(model);
                return model;
            } catch (RuntimeException | Error e) {
                entries.asMap().remove(id, mine);   // not cached: an unknown id may exist later (import), an Error may pass
                mine.completeExceptionally(e);
                throw e;                            // waiting callers get it wrapped; the loader as it is
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

    /** Whether the model is cached (loaded and not evicted), for tests. */
    boolean holds(UUID id) {
        CompletableFuture<LoadedModel> future = entries.getIfPresent(id);
        return future != null && future.isDone() && !future.isCompletedExceptionally();
    }
}
