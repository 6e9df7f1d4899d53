package dev.hourglass.dataset;

import java.util.Locale;
import java.util.Optional;

/** The upload formats; any of them may also arrive gzipped (detected by content, not by name). */
public enum DatasetFormat {
    CSV, JSON, IDX;

    /** The name clients use: {@code csv}, {@code json}, {@code idx}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<DatasetFormat> fromSlug(String slug) {
        for (DatasetFormat f : values()) {
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
