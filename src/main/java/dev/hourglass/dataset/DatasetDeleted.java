package dev.hourglass.dataset;

import java.util.UUID;

/**
 * Published by {@link Datasets#delete} inside its transaction; listeners that keep something computed from a
 * dataset (inference's cache of a dataset's codes) drop it once the deletion commits.
 */
public record DatasetDeleted(UUID datasetId) {
}
