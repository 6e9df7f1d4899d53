package dev.hourglass.system;

/** One offending input: a JSON path-like field name (`training.epochs`, `instances[3][17]`) and why. */
public record FieldProblem(String field, String reason) {
}
