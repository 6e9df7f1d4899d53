package dev.hourglass.dataset;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** A dataset's columns as histograms: a numeric column's values in equal-width bins, a categorical one's levels. */
@Schema(description = "Per feature column, in order: the distribution of its observed cells and its missing count")
public record DatasetHistograms(UUID datasetId,
        @Schema(description = "Rows of the dataset", example = "150") int rows,
        List<ColumnHistogram> columns) {

    /** One column: {@code bins} when numeric, {@code levels} when categorical; missing cells are counted, not binned. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One column: bins (numeric) or levels (categorical), and its missing cells")
    public record ColumnHistogram(String name, ColumnType type,
            @Schema(description = "Missing cells (in no bin)") long missing,
            @Schema(description = "Numeric columns only: equal-width bins from the column's observed minimum to its "
                    + "maximum, each [from, to) but the last [from, to]; a constant column has one bin with "
                    + "from = to holding every observed cell", nullable = true) List<HistogramBin> bins,
            @Schema(description = "Categorical columns only: each level and its count, in code order (sorted), as in "
                    + "the dataset's stats", nullable = true) List<LevelCount> levels) {
    }

    @Schema(description = "A bin and how many observed cells fall in it")
    public record HistogramBin(@Schema(example = "4.3") double from, @Schema(example = "4.66") double to,
            @Schema(example = "9") long count) {
    }
}
