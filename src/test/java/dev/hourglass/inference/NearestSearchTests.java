package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.hourglass.inference.InferenceRequests.Neighbour;
import org.junit.jupiter.api.Test;

class NearestSearchTests {

    @Test
    void answersTheKNearestAscendingWithTiesByRowIndex() {
        // candidates on a line at 3, 1, -1, 0, 1, 5: from 0 the distances are 3, 1, 1, 0, 1, 5
        DatasetCodes.Codes line = new DatasetCodes.Codes(new float[] {3, 1, -1, 0, 1, 5}, 6, 1);

        List<List<Neighbour>> found = Nearest.search(new float[][] {{0}, {4.5f}}, line, 4);

        assertThat(found.get(0)).containsExactly(new Neighbour(3, 0), new Neighbour(1, 1), new Neighbour(2, 1),
                new Neighbour(4, 1));
        assertThat(found.get(1)).extracting(Neighbour::row).containsExactly(5, 0, 1, 4);
        assertThat(found.get(1).get(0).distance()).isEqualTo(0.5);
    }

    @Test
    void distancesAreEuclideanOverTheCode() {
        // (0, 0) to (3, 4): √(9 + 16) = 5
        DatasetCodes.Codes one = new DatasetCodes.Codes(new float[] {3, 4}, 1, 2);

        assertThat(Nearest.search(new float[][] {{0, 0}}, one, 1).get(0)).containsExactly(new Neighbour(0, 5));
    }
}
