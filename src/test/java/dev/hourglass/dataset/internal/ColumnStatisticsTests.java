package dev.hourglass.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ColumnStatisticsTests {

    @Test
    void computesMinMaxMeanAndPopulationStdPerColumn() {
        // Column 0: 2, 4, 4, 4, 5, 5, 7, 9. Column 1: 1 … 8. Column 2: constant -3.
        float[] rows = {
            2, 1, -3,
            4, 2, -3,
            4, 3, -3,
            4, 4, -3,
            5, 5, -3,
            5, 6, -3,
            7, 7, -3,
            9, 8, -3,
        };

        ColumnStatistics stats = ColumnStatistics.of(rows, 8, 3);

        assertThat(stats.min()).containsExactly(2, 1, -3);
        assertThat(stats.max()).containsExactly(9, 8, -3);
        // mean_0 = 40/8 = 5; mean_1 = 36/8 = 4.5.
        assertThat(stats.mean()).containsExactly(5, 4.5, -3);
        // std = sqrt((1/n) Σ (x − mean)²), population (divide by n = 8, not n − 1):
        // column 0: (9+1+1+1+0+0+4+16)/8 = 32/8 = 4 → 2.
        assertThat(stats.std()[0]).isEqualTo(2.0);
        // column 1: (3.5²+2.5²+1.5²+0.5²)·2/8 = (12.25+6.25+2.25+0.25)·2/8 = 42/8 = 5.25 → sqrt(5.25).
        assertThat(stats.std()[1]).isCloseTo(2.29128784747792, within(1e-14));
        // a constant column has no spread.
        assertThat(stats.std()[2]).isEqualTo(0.0);
    }

    @Test
    void keepsTheSpreadOfLargeValuesThatANaiveSumOfSquaresWouldLose() {
        // 1e7 + {1, 2, 3}: mean 1e7 + 2, population std sqrt(2/3). Σx² − n·mean² would cancel to noise in float.
        float[] column = {1e7f + 1, 1e7f + 2, 1e7f + 3};

        ColumnStatistics stats = ColumnStatistics.of(column, 3, 1);

        assertThat(stats.mean()[0]).isEqualTo(1e7 + 2);
        assertThat(stats.std()[0]).isCloseTo(Math.sqrt(2.0 / 3.0), within(1e-12));
    }

    @Test
    void leavesMissingCellsOutOfTheMomentsCountsThemAndCountsEachLevel() {
        // Column 0 numeric: 2, missing, 4, 6 → observed 2, 4, 6: mean 4, std sqrt((4+0+4)/3) = sqrt(8/3).
        // Column 1 categorical, levels [a, b]: b, a, missing, b → a: 1, b: 2.
        float[] rows = {
            2, 1,
            0, 0,
            4, 0,
            6, 1,
        };
        // Missing: cell 2 (row 1, column 0) and cell 5 (row 2, column 1): bits 2 and 5 of byte 0.
        byte[] mask = {0b0010_0100};

        ColumnStatistics stats = ColumnStatistics.of(java.nio.FloatBuffer.wrap(rows), 4, 2, mask,
                java.util.Arrays.asList(null, java.util.List.of("a", "b")));

        assertThat(stats.missing()).containsExactly(1, 1);
        assertThat(stats.min()[0]).isEqualTo(2);
        assertThat(stats.max()[0]).isEqualTo(6);
        assertThat(stats.mean()[0]).isEqualTo(4);
        assertThat(stats.std()[0]).isCloseTo(Math.sqrt(8.0 / 3.0), within(1e-14));
        assertThat(stats.levelCounts()[0]).isNull();
        assertThat(stats.levelCounts()[1]).containsExactly(1, 2);
    }
}
