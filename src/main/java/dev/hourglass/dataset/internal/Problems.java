package dev.hourglass.dataset.internal;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;

/**
 * Collects what is wrong with an upload so that one 422 names several offending cells, not just the first.
 * Parsing goes on after a problem (to find more) but stops once {@link #MAX} are known.
 */
final class Problems {

    static final String INVALID = "invalid-dataset";
    static final int MAX = 20;

    private final List<FieldProblem> problems = new ArrayList<>();

    void add(String field, String reason) {
        problems.add(new FieldProblem(field, reason));
        if (problems.size() >= MAX) {
            throw failure();
        }
    }

    boolean any() {
        return !problems.isEmpty();
    }

    /** Throws the 422 if anything was collected. */
    void throwIfAny() {
        if (any()) {
            throw failure();
        }
    }

    private ApiException failure() {
        FieldProblem first = problems.get(0);
        String detail = "The dataset is invalid: " + first.field() + ": " + first.reason()
                + (problems.size() == 1 ? "" : " (and " + (problems.size() - 1) + " more"
                        + (problems.size() >= MAX ? "; parsing stopped after " + MAX + " problems" : "") + ")");
        return ApiException.invalid(INVALID, detail, problems);
    }

    /** A 422 for a problem with the file as a whole (empty, truncated, not the declared format). */
    static ApiException invalid(String field, String reason) {
        return ApiException.invalid(INVALID, field, reason);
    }
}
