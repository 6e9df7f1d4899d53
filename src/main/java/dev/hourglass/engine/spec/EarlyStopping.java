package dev.hourglass.engine.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Stop when the validation loss (the whole objective on the held-out rows, inputs not corrupted) of
 * the last phase has not improved by at least {@code minDelta} for {@code patience} epochs; the best
 * epoch's weights are the result.
 *
 * @param patience epochs without an improvement before stopping, ≥ 1
 * @param minDelta smallest decrease that counts as an improvement, ≥ 0
 */
public record EarlyStopping(int patience, double minDelta) {

    /** Everything wrong with this block, by field ("patience", "minDelta"). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (patience < 1) {
            p.add(new Problem("patience", "must be at least 1, got " + patience));
        }
        if (!Problem.finiteAtLeastZero(minDelta)) {
            p.add(new Problem("minDelta", "must be a finite number ≥ 0, got " + minDelta));
        }
        return p;
    }
}
