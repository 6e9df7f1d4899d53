package dev.hourglass.dataset;

import java.util.List;
import java.util.UUID;

/** A dataset's features, loaded for training: {@code features[r * columns + c]}, row-major. */
public record DatasetMatrix(UUID id, int rows, int columns, float[] features /* row-major */, List<String> featureNames) {
}
