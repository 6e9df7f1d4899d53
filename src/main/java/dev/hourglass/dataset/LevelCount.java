package dev.hourglass.dataset;

import io.swagger.v3.oas.annotations.media.Schema;

/** One level of a categorical column and the number of cells that hold it. */
@Schema(description = "A level of a categorical column and how many cells hold it")
public record LevelCount(@Schema(example = "setosa") String level, @Schema(example = "50") long count) {
}
