package dev.hourglass.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.Models;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Least-recently-used cache of decoded models. Models are immutable once published, so an entry
 * never goes stale; the load runs outside the lock, and two racing loads of one model are harmless.
 */
@Component
class ModelCache {

    private final Models models;
    private final Map<UUID, LoadedModel> entries;

    ModelCache(Models models, @Value("${hourglass.model-cache-size:32}") int capacity) {
        this.models = models;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, LoadedModel> eldest) {
                return size() > capacity;
            }
        };
    }

    LoadedModel get(UUID id) {
        synchronized (entries) {
            LoadedModel cached = entries.get(id);
            if (cached != null) {
                return cached;
            }
        }
        LoadedModel loaded = models.load(id);
        synchronized (entries) {
            entries.putIfAbsent(id, loaded);
            return entries.get(id);
        }
    }
}
