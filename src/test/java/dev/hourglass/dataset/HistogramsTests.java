package dev.hourglass.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The bin a value falls in always agrees with the edges reported, whatever the rounding of the index. */
class HistogramsTests {

    @Test
    void aValueIsInTheBinWhoseEdgesHoldIt() {
        Random random = new Random(11);
        for (int t = 0; t < 2000; t++) {
            float a = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 4));
            float b = a + (float) Math.abs(random.nextGaussian() * Math.pow(10, random.nextInt(8) - 4));
            int bins = 1 + random.nextInt(100);
            double[] edges = Histograms.edges(a, b, bins);
            for (int v = 0; v < 50; v++) {
                // values on the edges themselves, and anywhere between the ends
                double x = v % 2 == 0 ? (float) edges[random.nextInt(edges.length)] : a + (b - (double) a) * random.nextDouble();
                if (x < a || x > b) {
                    continue;   // an edge rounded to float32 outside [a, b]
                }
                int i = Histograms.bin(edges, x);
                assertThat(edges[i]).as("bin %d of %s for %s", i, bins, x).isLessThanOrEqualTo(x);
                assertThat(x < edges[i + 1] || (i == edges.length - 2 && x == edges[i + 1])).as("bin %d for %s", i, x)
                        .isTrue();
            }
        }
    }

    @Test
    void aConstantColumnIsOneBin() {
        assertThat(Histograms.edges(5, 5, 20)).containsExactly(5, 5);
        assertThat(Histograms.bin(new double[] {5, 5}, 5)).isZero();
    }
}
