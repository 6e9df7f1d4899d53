package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import dev.hourglass.support.OverflowingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A transform chunk never stores NaN or ±∞: a row whose output overflows fails the job by its index in the dataset. */
class TransformsTests {

    private static float[] rows(float third) {
        float[] x = new float[24];
        Arrays.fill(x, 0.5f);
        Arrays.fill(x, 16, 24, third);
        return x;
    }

    @ParameterizedTest
    @EnumSource(TransformOutput.class)
    void aRowThatOverflowsIsNamedByItsIndexInTheDataset(TransformOutput output) {
        assertThatThrownBy(() -> Transforms.chunk(output, OverflowingModel.create(), rows(3e38f), 3, 4096))
                .isInstanceOf(Transforms.NonFiniteRow.class).hasMessageContaining("row 4098 of the dataset");
    }

    @Test
    void finiteRowsBecomeTheirCells() {
        byte[] chunk = Transforms.chunk(TransformOutput.SCORES, OverflowingModel.create(), rows(2f), 3, 0);
        float[] cells = new float[9];
        ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(cells);
        for (float v : cells) {
            assertThat(Float.isFinite(v)).as(Arrays.toString(cells)).isTrue();
        }
        assertThat(cells[0]).as("rows 0 and 1 are equal").isEqualTo(cells[3]);
        assertThat(cells[6]).as("another row, another score").isNotEqualTo(cells[0]);
    }
}
