package dev.hourglass.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hourglass.engine.table.Table;
import dev.hourglass.engine.table.TableCodec;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.TableColumns;
import dev.hourglass.system.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows of a model trained on a typed table, as requests send them and answers return them (DESIGN §8.2):
 * an array of cells in the model's column order, or an object {@code {column: value}} naming every column; a
 * numeric cell is a number, a categorical cell a level name (a JSON number or boolean by its text, 1 as "1"),
 * {@code null} a missing cell. A level the model never saw is read as a missing cell, with a warning. Answers
 * keep each row's form and give a categorical cell as its most probable level.
 */
final class TableRows {

    /** Longest level name quoted back in a warning; a client's mistake can be any length. */
    private static final int QUOTED = 64;
    /** Columns named in an error before "…": a wide table's names would bury the reason. */
    private static final int NAMED_COLUMNS = 12;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TableColumns table;
    private final List<String> names;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<Map<String, Integer>> levels = new ArrayList<>();

    /** For {@code model}, which must have {@link LoadedModel#table() table columns}. */
    TableRows(LoadedModel model) {
        this.table = model.table();
        List<String> given = model.featureNames();
        List<String> all = new ArrayList<>(table.columns());
        for (int c = 0; c < table.columns(); c++) {
            String name = given != null ? given.get(c) : "col" + c;   // as the model view names them
            all.add(name);
            columns.put(name, c);
            Map<String, Integer> index = null;
            if (table.categorical(c)) {
                List<String> levelNames = table.levels().get(c);
                index = new HashMap<>(levelNames.size() * 2);
                for (int k = 0; k < levelNames.size(); k++) {
                    index.put(levelNames.get(k), k);
                }
            }
            levels.add(index);
        }
        this.names = List.copyOf(all);
    }

    /**
     * Rows as a request sent them: {@code values(count, columns)} with each categorical cell its level's index,
     * {@code missing} of the same shape (null when every cell has a value), and the warnings of unseen levels.
     */
    record Read(Rows rows, float[] values, boolean[] missing, int count, List<String> warnings) {

        /** 1 where a cell is observed, 0 where it is missing, as the anomaly scorer takes them; null: all observed. */
        float[] observed() {
            return Table.observed(missing, missing == null ? 0 : missing.length);
        }
    }

    TableCodec codec() {
        return table.codec();
    }

    List<String> names() {
        return names;
    }

    /**
     * Reads {@code node}, an array of 1 to {@code maxRows} rows, refusing with one 422 invalid-rows what cannot
     * be read: a row of another width or form, an unknown or absent column, a string in a numeric column, NaN,
     * ±Infinity or a number beyond float range, a nested array or object, a row without an observed cell.
     */
    Read read(Rows node, String field, int maxRows) {
        int count = RowParser.rowCount(node, field, maxRows, "arrays in the model's column order or objects "
                + "{column: value}");
        int cols = names.size();
        float[] values = new float[count * cols];
        boolean[] missing = new boolean[count * cols];
        boolean anyMissing = false;
        List<FieldProblem> errors = new ArrayList<>();
        Warnings warnings = new Warnings();
        for (int r = 0; r < count && errors.size() < RowParser.MAX_LISTED; r++) {
            JsonNode row = node.node(r);
            String at = field + "[" + r + "]";
            int before = errors.size();
            if (row.isObject()) {
                for (String name : row.propertyNames()) {
                    if (!columns.containsKey(name) && errors.size() < RowParser.MAX_LISTED) {
                        errors.add(new FieldProblem(at + "." + name, "is not a column of this model; its columns are "
                                + columnList()));
                    }
                }
            } else if (!row.isArray()) {
                errors.add(new FieldProblem(at, "must be an array of " + cols + " cells or an object {column: value}"));
                continue;
            } else if (row.size() != cols) {
                errors.add(new FieldProblem(at, "has " + row.size() + " cells; the model's " + cols + " columns are "
                        + columnList()));
                continue;
            }
            int observed = 0;
            for (int c = 0; c < cols && errors.size() < RowParser.MAX_LISTED; c++) {
                String name = cellName(at, row, c);
                JsonNode cell = cell(row, c);
                if (cell == null) {
                    errors.add(new FieldProblem(name, "is absent; give null for a missing cell"));
                    continue;
                }
                int i = r * cols + c;
                String reason = readCell(cell, c, values, i, name, warnings);
                if (reason != null) {
                    errors.add(new FieldProblem(name, reason));
                } else if (Float.isNaN(values[i])) {
                    missing[i] = true;
                    anyMissing = true;
                    values[i] = 0;
                } else {
                    observed++;
                }
            }
            if (errors.size() == before && observed == 0) {
                errors.add(new FieldProblem(at, "has no observed cell (every cell is null or a level not seen in "
                        + "training); give at least one value"));
            }
        }
        RowParser.refuseIfAny(errors);
        return new Read(node, values, anyMissing ? missing : null, count, warnings.list());
    }

    /**
     * Reads one cell into {@code values[i]}: its number or level index, NaN for a missing cell (null, or a level
     * not seen in training, which also adds a warning); returns why the cell cannot be read, or null.
     */
    private String readCell(JsonNode cell, int c, float[] values, int i, String name, Warnings warnings) {
        if (cell.isNull()) {
            values[i] = Float.NaN;
            return null;
        }
        if (cell.isContainer()) {
            return "is " + (cell.isArray() ? "an array" : "an object") + "; a cell is a single value, or null";
        }
        if (cell.isNumber()) {
            String reason = RowParser.outOfRange(cell);
            if (reason != null) {
                return reason;
            }
        }
        Map<String, Integer> index = levels.get(c);
        if (index == null) {
            if (!cell.isNumber()) {
                return "is " + (cell.isString() ? "a string" : "not a number") + "; column " + names.get(c)
                        + " is numeric: give a number, or null for a missing cell";
            }
            values[i] = (float) cell.doubleValue();
            return null;
        }
        String level = cell.isString() ? cell.stringValue() : cell.asString();
        Integer k = index.get(level);
        if (k == null) {
            values[i] = Float.NaN;
            warnings.add(name + ": level " + quoted(level) + " was not seen in training; treated as missing");
        } else {
            values[i] = k;
        }
        return null;
    }

    /** How errors and warnings name a cell: {@code field[r].column} in an object row, else {@code field[r][c]}. */
    private String cellName(String at, JsonNode row, int c) {
        return row.isObject() ? at + "." + names.get(c) : at + "[" + c + "]";
    }

    /** Cell {@code c} of a row in either form; null when an object row leaves the column out. */
    JsonNode cell(JsonNode row, int c) {
        return row.isObject() ? row.get(names.get(c)) : row.get(c);
    }

    private String columnList() {
        return names.size() <= NAMED_COLUMNS ? String.join(", ", names)
                : String.join(", ", names.subList(0, NAMED_COLUMNS)) + ", … (" + names.size() + " in all)";
    }

    private static String quoted(String level) {
        return "\"" + (level.length() <= QUOTED ? level : level.substring(0, QUOTED) + "…") + "\"";
    }

    /** The warnings of one request: the first {@link RowParser#MAX_LISTED}, then how many more. */
    private static final class Warnings {

        private final List<String> listed = new ArrayList<>();
        private int more;

        void add(String warning) {
            if (listed.size() < RowParser.MAX_LISTED) {
                listed.add(warning);
            } else {
                more++;
            }
        }

        List<String> list() {
            if (more > 0) {
                listed.add("… and " + more + " more cells with levels not seen in training, treated as missing");
            }
            return List.copyOf(listed);
        }
    }

    // Answers: y(count, width) is the network's output in the caller's units (the codec's normalizer inverted),
    // a numeric column's value at its position, a categorical column's level probabilities across its block.

    /** Row {@code r} of {@code y}: an object keyed by column name when {@code object}, else an array. */
    JsonNode row(float[] y, int r, boolean object) {
        int[] offsets = table.layout().offsets();
        int width = table.layout().width();
        ObjectNode named = object ? NODES.objectNode() : null;
        ArrayNode cells = object ? null : NODES.arrayNode(names.size());
        for (int c = 0; c < names.size(); c++) {
            JsonNode value = table.categorical(c)
                    ? NODES.stringNode(table.levels().get(c).get(codec().mostProbable(y, r, c)))
                    : NODES.numberNode(y[r * width + offsets[c]]);
            if (object) {
                named.set(names.get(c), value);
            } else {
                cells.add(value);
            }
        }
        return object ? named : cells;
    }

    /** Each row of {@code y} in the form the request's row {@code r} had. */
    ArrayNode rows(Read read, float[] y) {
        ArrayNode out = NODES.arrayNode(read.count());
        for (int r = 0; r < read.count(); r++) {
            out.add(row(y, r, read.rows().isObject(r)));
        }
        return out;
    }

    /** The rows of {@code y} as arrays in column order (decode and sample, which have no request rows). */
    ArrayNode arrays(float[] y, int count) {
        ArrayNode out = NODES.arrayNode(count);
        for (int r = 0; r < count; r++) {
            out.add(row(y, r, false));
        }
        return out;
    }

    /** Per row of {@code y}, each categorical column's {@code {level: probability}}, keyed by column name. */
    ArrayNode probabilities(float[] y, int count) {
        int[] offsets = table.layout().offsets();
        int width = table.layout().width();
        ArrayNode out = NODES.arrayNode(count);
        for (int r = 0; r < count; r++) {
            ObjectNode row = out.addObject();
            for (int c = 0; c < names.size(); c++) {
                if (table.categorical(c)) {
                    ObjectNode p = row.putObject(names.get(c));
                    List<String> levelNames = table.levels().get(c);
                    for (int k = 0; k < levelNames.size(); k++) {
                        p.put(levelNames.get(k), y[r * width + offsets[c] + k]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The request's rows with each cell it sent as null replaced by its value in {@code filled(count, columns)}
     * (numbers, level indices), every other cell as given; {@code imputed} receives each row's filled columns.
     * A level not seen in training stays as given: it is a value the model cannot read, not a gap.
     */
    ArrayNode fill(Read read, float[] filled, List<List<String>> imputed) {
        int cols = names.size();
        ArrayNode out = NODES.arrayNode(read.count());
        for (int r = 0; r < read.count(); r++) {
            JsonNode row = read.rows().node(r).deepCopy();
            List<String> filledColumns = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                if (!cell(row, c).isNull()) {
                    continue;
                }
                float v = filled[r * cols + c];
                JsonNode value = table.categorical(c) ? NODES.stringNode(table.levels().get(c).get((int) v))
                        : NODES.numberNode(v);
                if (row instanceof ObjectNode o) {
                    o.set(names.get(c), value);
                } else {
                    ((ArrayNode) row).set(c, value);
                }
                filledColumns.add(names.get(c));
            }
            imputed.add(filledColumns);
            out.add(row);
        }
        return out;
    }
}
