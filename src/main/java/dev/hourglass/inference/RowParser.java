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

    static float[] parse(Rows node, String field, int width, int maxRows) {
        int rows = rowCount(node, field, maxRows, "arrays of numbers");
        float[] out = new float[rows * width];
        List<FieldProblem> errors = new ArrayList<>();
        for (int r = 0; r < rows && errors.size() < MAX_LISTED; r++) {
            Rows.Numbers numbers = node.numbers(r);
            JsonNode row = numbers == null ? node.node(r) : null;
            int size = numbers != null ? numbers.size() : row.size();
            if (numbers == null && !row.isArray()) {
                errors.add(new FieldProblem(field + "[" + r + "]", "must be an array of " + width + " numbers"));
                continue;
            }
            if (size != width) {
                errors.add(new FieldProblem(field + "[" + r + "]", "has " + size + " values; the model expects " + width));
                continue;
            }
            for (int c = 0; c < width && errors.size() < MAX_LISTED; c++) {
                String name = field + "[" + r + "][" + c + "]";
                if (numbers != null) {
                    readCell(numbers.get(c), out, r * width + c, name, errors);
                } else {
                    readCell(row.get(c), out, r * width + c, name, errors);
                }
            }
        }
        refuseIfAny(errors);
        return out;
    }

    /** The number of rows {@code node} holds: an array of 1 to {@code maxRows} rows, each one of {@code shape}. */
    static int rowCount(Rows node, String field, int maxRows, String shape) {
        if (node == null || node.isNull()) {
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
            throw tooManyRows(field, rows + " rows", maxRows);
        }
        return rows;
    }

    /** A 413 too-many-rows: {@code field} has {@code rows} ("10001 rows", or "10001 rows or more" while read). */
    static ApiException tooManyRows(String field, String rows, int maxRows) {
        return ApiException.tooLarge("too-many-rows", field + " has " + rows + "; the limit per request is " + maxRows);
    }

    /**
     * Reads {@code rows} rows of {@code width} numbers given flat, row-major ({@code [1, 2, 4, 5]} for two rows
     * of two), as the serving protocols send tensors; the same checks as {@link #parse}, cells named
     * {@code field[row][column]}.
     */
    static float[] parseFlat(Rows node, String field, int rows, int width, int maxRows) {
        if (node == null || node.isNull()) {
            throw ApiException.invalid("invalid-rows", field, "is required");
        }
        if (!node.isArray()) {
            throw ApiException.invalid("invalid-rows", field, "must be an array of numbers");
        }
        if (rows < 1) {
            throw ApiException.invalid("invalid-rows", field, "needs at least one row");
        }
        if (rows > maxRows) {
            throw tooManyRows(field, rows + " rows", maxRows);
        }
        if (node.size() != (long) rows * width) {
            throw ApiException.invalid("invalid-rows", field, "has " + node.size() + " values; " + rows + " rows of "
                    + width + " need " + (long) rows * width);
        }
        float[] out = new float[rows * width];
        List<FieldProblem> errors = new ArrayList<>();
        Rows.Numbers numbers = node.flat();
        for (int i = 0; i < out.length && errors.size() < MAX_LISTED; i++) {
            String name = field + "[" + i / width + "][" + i % width + "]";
            if (numbers != null) {
                readCell(numbers.get(i), out, i, name, errors);
            } else {
                readCell(node.node(i), out, i, name, errors);
            }
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

    /** A plain number read compactly ({@link Rows.Numbers}): the same checks as its node would have had. */
    private static void readCell(double v, float[] out, int index, String name, List<FieldProblem> errors) {
        String reason = outOfRange(v);
        if (reason != null) {
            errors.add(new FieldProblem(name, reason));
        } else {
            out[index] = (float) v;
        }
    }

    /** Why a number cell cannot be a float32 input (NaN, ±Infinity, beyond float range), or null when it can. */
    static String outOfRange(JsonNode number) {
        // numberValue(): an integer literal of hundreds of digits is a BigInteger, whose doubleValue() is infinite,
        // where the node's own doubleValue() throws
        return outOfRange(number.numberValue().doubleValue());
    }

    static String outOfRange(double v) {
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
