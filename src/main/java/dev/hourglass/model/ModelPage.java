package dev.hourglass.model;

import java.util.List;

/** One page of models, newest first. */
public record ModelPage(List<ModelView> items, int page, int size, long totalItems, int totalPages) {
}
