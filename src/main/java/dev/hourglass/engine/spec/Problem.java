package dev.hourglass.engine.spec;

import java.util.List;

/**
 * A reason the engine refuses a spec, naming the field by its engine path ("architecture.encoder[1]",
 * "training.sparsity.target", …); the HTTP layer translates paths to its own field names.
 */
public record Problem(String field, String reason) {

    /** The same problem with its field under {@code prefix} ("encoder" under "architecture"). */
    public Problem under(String prefix) {
        return new Problem(field.isEmpty() ? prefix : prefix + "." + field, reason);
    }

    /** Every problem with its field under {@code prefix}. */
    public static List<Problem> under(String prefix, List<Problem> problems) {
        return problems.stream().map(p -> p.under(prefix)).toList();
    }

    /** @throws IllegalArgumentException naming every problem, if there is any */
    public static void require(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ",
                    problems.stream().map(p -> p.field() + ": " + p.reason()).toList()));
        }
    }

    static boolean finiteAtLeastZero(double v) {
        return v >= 0 && Double.isFinite(v);
    }
}
