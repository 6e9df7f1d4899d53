package dev.hourglass.inference;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code [[…], …]} into one row-major float array, refusing wrong widths, NaN, ±Infinity,
 * values beyond float range and non-numbers with a 422 that names {@code field[row][column]}.
 */
final class RowParser {

    /** At most this many offending cells are listed; a client with a broken encoder needs a few, not all. */
    static final int MAX_LISTED = 20;

    private RowParser() {
    }

    static float[] parse(JsonNode node, String field, int width, int maxRows) {
        int rows = rowCount(node, field, maxRows, "arrays of numbers");
        float[] out = new float[rows * width];
        List<FieldProblem> errors = new ArrayList<>();
        for (int r = 0; r < rows && errors.size() < MAX_LISTED; r++) {
            JsonNode row = node.get(r);
            if (!row.isArray()) {
                errors.add(new FieldProblem(field + "[" + r + "]", "must be an array of " + width + " numbers"));
                continue;
            }
            if (row.size() != width) {
                errors.add(new FieldProblem(field + "[" + r + "]", "has " + row.size() + " values; the model expects " + width));
                continue;
            }
            for (int c = 0; c < width && errors.size() < MAX_LISTED; c++) {
                readCell(row.get(c), out, r * width + c, field + "[" + r + "][" + c + "]", errors);
            }
        }
        refuseIfAny(errors);
        return out;
    }

    /** The number of rows {@code node} holds: an array of 1 to {@code maxRows} rows, each one of {@code shape}. */
    static int rowCount(JsonNode node, String field, int maxRows, String shape) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ApiException.invalid("invalid-rows", field, "is required");
        }
        if (!node.isArray()) {
            throw ApiException.invalid("invalid-rows", field, "must be an array of rows (" + shape + ")");
        }
        int rows = node.size();
        if (rows == 0) {
            throw ApiException.invalid("invalid-rows", field, "needs at least one row");
        }
        if (rows > maxRows) {
            throw ApiException.tooLarge("too-many-rows", field + " has " + rows + " rows; the limit per request is " + maxRows);
        }
        return rows;
    }

    /**
     * Reads {@code rows} rows of {@code width} numbers given flat, row-major ({@code [1, 2, 4, 5]} for two rows
     * of two), as the serving protocols send tensors; the same checks as {@link #parse}, cells named
     * {@code field[row][column]}.
     */
    static float[] parseFlat(JsonNode node, String field, int rows, int width, int maxRows) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw ApiException.invalid("invalid-rows", field, "is required");
        }
        if (!node.isArray()) {
            throw ApiException.invalid("invalid-rows", field, "must be an array of numbers");
        }
        if (rows < 1) {
            throw ApiException.invalid("invalid-rows", field, "needs at least one row");
        }
        if (rows > maxRows) {
            throw ApiException.tooLarge("too-many-rows", field + " has " + rows + " rows; the limit per request is "
                    + maxRows);
        }
        if (node.size() != (long) rows * width) {
            throw ApiException.invalid("invalid-rows", field, "has " + node.size() + " values; " + rows + " rows of "
                    + width + " need " + (long) rows * width);
        }
        float[] out = new float[rows * width];
        List<FieldProblem> errors = new ArrayList<>();
        for (int i = 0; i < out.length && errors.size() < MAX_LISTED; i++) {
            readCell(node.get(i), out, i, field + "[" + i / width + "][" + i % width + "]", errors);
        }
        refuseIfAny(errors);
        return out;
    }

    /** Stores a finite number that fits a float at {@code out[index]}, or records why the cell cannot be one. */
    private static void readCell(JsonNode cell, float[] out, int index, String name, List<FieldProblem> errors) {
        String reason = cell.isNumber() ? outOfRange(cell) : "is not a number";
        if (reason != null) {
            errors.add(new FieldProblem(name, reason));
        } else {
            out[index] = (float) cell.doubleValue();
        }
    }

    /** Why a number cell cannot be a float32 input (NaN, ±Infinity, beyond float range), or null when it can. */
    static String outOfRange(JsonNode number) {
        // numberValue(): an integer literal of hundreds of digits is a BigInteger, whose doubleValue() is infinite,
        // where the node's own doubleValue() throws
        double v = number.numberValue().doubleValue();
        if (Double.isNaN(v)) {
            return "is NaN";
        }
        return Double.isInfinite(v) || Math.abs(v) > Float.MAX_VALUE ? "is infinite or beyond float range" : null;
    }

    /** A 422 invalid-rows listing {@code errors} (at most {@link #MAX_LISTED}), when there are any. */
    static void refuseIfAny(List<FieldProblem> errors) {
        if (!errors.isEmpty()) {
            FieldProblem first = errors.get(0);
            throw ApiException.invalid("invalid-rows", "Row " + first.field() + " " + first.reason()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
        }
    }
}
