package dev.hourglass.dataset;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a dataset came from: an upload format (any of which may also arrive gzipped, detected by content,
 * not by name), or TRANSFORM for a dataset a transform job computed from another.
 */
public enum DatasetFormat {
    CSV, JSON, IDX, TRANSFORM;

    /** The name clients use: {@code csv}, {@code json}, {@code idx}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The upload format of this name. */
    static Optional<DatasetFormat> fromSlug(String slug) {
        for (DatasetFormat f : new DatasetFormat[] {CSV, JSON, IDX}) {
            if (f.slug().equalsIgnoreCase(slug.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The format a file name implies: {@code .csv}, {@code .json} (each optionally {@code .gz}), and for IDX
     * {@code .idx}, {@code .idx3} and the like, MNIST's {@code -ubyte} names, or any other {@code .gz}.
     */
    static Optional<DatasetFormat> inferFrom(String filename) {
        if (filename == null) {
            return Optional.empty();
        }
        String name = filename.toLowerCase(Locale.ROOT).strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".csv")) return Optional.of(CSV);
        if (base.endsWith(".json")) return Optional.of(JSON);
        if (base.matches(".*\\.idx\\d?") || base.endsWith("-ubyte") || name.endsWith(".gz")) return Optional.of(IDX);
        return Optional.empty();
    }
}
