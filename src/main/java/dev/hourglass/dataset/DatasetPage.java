package dev.hourglass.dataset;

import java.util.List;

/** One page of datasets, newest first; {@code page} counts from 0. */
public record DatasetPage(List<DatasetView> items, int page, int size, long totalItems, int totalPages) {
}
