package dev.hourglass.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.model.LoadedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A transform chunk never stores NaN or ±∞: a row whose output overflows fails the job by its index in the dataset. */
class TransformsTests {

    /** 8 → 4 → 8, RELU, linear output, every first-layer weight 1: a row of 3e38 sums to +∞ in the code. */
    private static LoadedModel model() {
        Autoencoder net = Autoencoder.initialize(new ArchitectureSpec(8, new int[] {4}, null, Activation.RELU,
                Activation.LINEAR, false), 3L);
        Arrays.fill(net.parameters().get(0), 1f);
        return new LoadedModel(null, net, Normalizer.fit(Normalization.NONE, new float[8], 1, 8), null,
                Calibration.of(new double[] {0.1, 0.2, 0.3, 0.4}, AnomalyScore.MSE, 0.25));
    }

    private static float[] rows(float third) {
        float[] x = new float[24];
        Arrays.fill(x, 0.5f);
        Arrays.fill(x, 16, 24, third);
        return x;
    }

    @ParameterizedTest
    @EnumSource(TransformOutput.class)
    void aRowThatOverflowsIsNamedByItsIndexInTheDataset(TransformOutput output) {
        assertThatThrownBy(() -> Transforms.chunk(output, model(), rows(3e38f), 3, 4096))
                .isInstanceOf(Transforms.NonFiniteRow.class).hasMessageContaining("row 4098 of the dataset");
    }

    @Test
    void finiteRowsBecomeTheirCells() {
        byte[] chunk = Transforms.chunk(TransformOutput.SCORES, model(), rows(2f), 3, 0);
        float[] cells = new float[9];
        ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(cells);
        for (float v : cells) {
            assertThat(Float.isFinite(v)).as(Arrays.toString(cells)).isTrue();
        }
        assertThat(cells[0]).as("rows 0 and 1 are equal").isEqualTo(cells[3]);
        assertThat(cells[6]).as("another row, another score").isNotEqualTo(cells[0]);
    }
}
