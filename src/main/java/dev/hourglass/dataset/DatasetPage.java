package dev.hourglass.dataset;

import java.util.List;

/** One page of datasets, newest first, in their slim view; {@code page} counts from 0. */
public record DatasetPage(List<DatasetSummary> items, int page, int size, long totalItems, int totalPages) {
}
