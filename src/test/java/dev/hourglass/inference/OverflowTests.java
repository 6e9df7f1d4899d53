package dev.hourglass.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import dev.hourglass.model.LoadedModel;
import dev.hourglass.support.OverflowingModel;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * A finite row far outside the training data can overflow the network's float32 arithmetic (or its
 * per-column errors, beyond differences of about 1.8e19 in the model's normalized units). Such a row has
 * no score or code to answer with: the calls refuse it by index (422) instead of answering NaN, which a
 * threshold would read as normal.
 */
class OverflowTests {

    private static float[] rows(float second) {
        float[] x = new float[16];
        Arrays.fill(x, 0, 8, 0.5f);
        Arrays.fill(x, 8, 16, second);
        return x;
    }

    private static void assertRefusesRow(ThrowingSupplier<?> call, String field) {
        assertThatThrownBy(call::get).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(422);
            assertThat(e.typeUri().toString()).endsWith("/invalid-rows");
            assertThat(e.errors()).extracting(FieldProblem::field).containsExactly(field);
        });
    }

    @Test
    void aRowThatOverflowsTheNetworkIsRefusedByEveryCall() {
        Inference inference = new Inference(null, 100, 1_000_000);
        LoadedModel model = OverflowingModel.create();
        assertRefusesRow(() -> inference.encode(model, rows(3e38f), 2), "instances[1]");
        assertRefusesRow(() -> inference.reconstruct(model, rows(3e38f), 2), "instances[1]");
        assertRefusesRow(() -> inference.score(model, "instances", rows(3e38f), 2), "instances[1]");
    }

    @Test
    void theSameRowsWithinRangeAreAnswered() {
        Inference inference = new Inference(null, 100, 1_000_000);
        LoadedModel model = OverflowingModel.create();
        InferenceRequests.ScoreResult scored = inference.score(model, "instances", rows(1e15f), 2);
        assertThat(Arrays.stream(scored.scores()).allMatch(Double::isFinite)).isTrue();
        assertThat(scored.anomalies()).containsExactly(true, true);
        assertThat(scored.pValues()[1]).isEqualTo(1 / 5.0);
        float[] code = inference.encode(model, rows(1e15f), 2)[1];
        for (float v : code) {
            assertThat(Float.isFinite(v)).as(Arrays.toString(code)).isTrue();
        }
    }
}
