package dev.hourglass.dataset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Statistics of one feature column: {@code missing} counts its missing cells; a numeric column has the
 * moments of its observed cells ({@code std} is the population standard deviation,
 * {@code sqrt((1/n) Σ (x − mean)²)} over the n observed cells); a categorical column has its levels with their
 * counts, in code order, and no moments. Stored as JSON with the dataset: a row written before typed tables has
 * no {@code type} (read as NUMERIC) and no {@code missing} (read as 0).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Statistics of one feature column: moments of the observed cells (numeric) or the levels "
        + "with their counts in code order (categorical), and the number of missing cells")
public record ColumnStats(
        String name,
        @Schema(description = "Numeric columns only", nullable = true) Double min,
        @Schema(description = "Numeric columns only", nullable = true) Double max,
        @Schema(description = "Numeric columns only", nullable = true) Double mean,
        @Schema(description = "Numeric columns only: population standard deviation", nullable = true) Double std,
        ColumnType type,
        @Schema(description = "Number of missing cells") long missing,
        @Schema(description = "Categorical columns only: each level and its count, in code order (sorted)",
                nullable = true) List<LevelCount> levels) {

    public ColumnStats {
        type = type == null ? ColumnType.NUMERIC : type;
        levels = levels == null ? null : List.copyOf(levels);
    }

    /** A numeric column without missing cells. */
    public ColumnStats(String name, double min, double max, double mean, double std) {
        this(name, min, max, mean, std, ColumnType.NUMERIC, 0, null);
    }

    /** The level names in code order, or null for a numeric column. */
    List<String> levelNames() {
        return levels == null ? null : levels.stream().map(LevelCount::level).toList();
    }
}
