package dev.hourglass.dataset.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.UnknownFields;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * JSON datasets, read as a token stream (no tree, no boxed numbers): either an object
 * {@code {"name": …, "columns": [names…], "schema": {…}, "rows": [[cells…], …], "labelColumn": …,
 * "labels": [texts…]}} or just the array of rows. Columns are optional ({@code col0…colN-1}); {@code labelColumn}
 * and {@code labels} (one string per row, kept apart from the features as a CSV label column is) come together
 * or not at all, so that what {@code GET /datasets/{id}/rows?format=json} writes reads back. Fields may come
 * in any order: the {@link TableSchema} is applied once the rows are read ({@link TableBuilder#declare}).
 *
 * <p>Cells make a typed table (DESIGN §8.2): numbers; strings and booleans are levels (a column holding one is
 * categorical); {@code null}, the strings {@code ""}, {@code "NA"}, {@code "NaN"} and the {@code NaN} literal are
 * missing. {@code Infinity} literals are read (as the app's Jackson configuration reads them) so that they can be
 * refused naming their row and column. Fields are JSON paths ({@code rows[2][5]}, zero-based); reasons name the
 * one-based row and the column.
 */
public final class JsonDatasetParser {

    /** The fields of a JSON dataset document, for suggesting one in place of a misspelled field. */
    private static final List<String> FIELDS = List.of("name", "columns", "schema", "rows", "labelColumn", "labels");


    private final Limits limits;
    private final JsonFactory json;

    public JsonDatasetParser(Limits limits) {
        this.limits = limits;
        // a string or name is held whole while it is read: at most max-field-chars, as a CSV cell
        this.json = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(limits.maxFieldChars())
                        .maxNameLength(limits.maxFieldChars()).build())
                .build();
    }

    /** {@code source} names the input in messages: {@code "file"} for an upload, {@code "body"} for a request body. */
    public ParsedDataset parse(InputStream in, String source) throws IOException {
        InputStream content = Inputs.content(in, limits);
        if (content == null) {
            throw Problems.invalid(source, "is empty");
        }
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), content)) {
            return new Reading(p, source).document();
        } catch (StreamConstraintsException e) {
            throw ApiException.tooLarge(Limits.TOO_LARGE, source + ": a string or name has more than "
                    + limits.maxFieldChars() + " characters; the limit hourglass.limits.max-field-chars is "
                    + limits.maxFieldChars() + ".");
        } catch (JacksonException e) {
            throw Problems.invalid(source, "is not valid JSON: " + plain(e.getOriginalMessage()) + where(e.getLocation()));
        }
    }

    /** Jackson's message without its pointer to a redacted source ("for Array starting at [Source: REDACTED…]"). */
    private static String plain(String message) {
        String firstLine = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
        return firstLine.replaceAll(" \\(for \\w+ starting at \\[Source: [^\\]]*\\]\\)", "");
    }

    private static String where(TokenStreamLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** What a cell holds, once read. */
    private enum CellKind { NUMBER, TEXT, MISSING, INVALID }

    private final class Reading {

        private final JsonParser p;
        private final String source;
        private final Problems problems = new Problems();
        private String name;
        private List<String> columns;
        private TableSchema schema = TableSchema.NONE;
        private TableBuilder table;
        private int width = -1;
        /** The cell {@link #read} read last: its kind, and its value or text. */
        private CellKind kind;
        private float number;
        private String text;
        private boolean sawRows;
        private String labelColumn;
        private List<String> labels;

        Reading(JsonParser p, String source) {
            this.p = p;
            this.source = source;
        }

        ParsedDataset document() {
            JsonToken root = p.nextToken();
            if (root == JsonToken.START_ARRAY) {
                rows();
            } else if (root == JsonToken.START_OBJECT) {
                fields();
            } else {
                throw Problems.invalid(source, "must be a JSON object {\"name\", \"columns\", \"rows\"} or an array of rows");
            }
            if (p.nextToken() != null) {
                throw Problems.invalid(source, "has content after the JSON value");
            }
            if (!sawRows) {
                problems.add("rows", "is required");
            }
            if (sawRows && columns != null && width >= 0 && columns.size() != width) {
                problems.add("columns", "has " + columns.size() + " names but the rows have " + width + " values");
            }
            problems.throwIfAny();
            if (table == null || table.rows() == 0) {
                throw Problems.invalid("rows", "is empty: a dataset needs at least one row");
            }
            List<String> names = columns != null ? columns : ParsedDataset.numberedNames("col", width);
            checkLabels(names);
            TableSchema.Type[] declared = schema.resolve(names, labelColumn, problems);
            problems.throwIfAny();
            for (int c = 0; c < width; c++) {
                if (declared[c] != null) {
                    table.declare(c, declared[c], names.get(c));
                }
            }
            problems.throwIfAny();
            return table.build(names, labelColumn, labels, name);
        }

        /** Labels and their column come together, one label a row, under a name no feature column has. */
        private void checkLabels(List<String> names) {
            if (labelColumn != null && labels == null) {
                problems.add("labels", "are missing: labelColumn \"" + labelColumn + "\" needs one label per row");
            } else if (labelColumn == null && labels != null) {
                problems.add("labelColumn", "is missing: labels need the name of their column");
            } else if (labels != null && labels.size() != table.rows()) {
                problems.add("labels", "has " + labels.size() + " labels but there are " + table.rows() + " rows");
            }
            if (labelColumn != null && names.contains(labelColumn)) {
                problems.add("labelColumn", "\"" + labelColumn + "\" is also the name of a feature column");
            }
            problems.throwIfAny();
        }

        private void fields() {
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "name" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            name = p.getString();
                        } else if (value != JsonToken.VALUE_NULL) {
                            problems.add("name", "must be a string");
                            p.skipChildren();
                        }
                    }
                    case "columns" -> {
                        if (value == JsonToken.START_ARRAY) {
                            columnNames();
                        } else if (value != JsonToken.VALUE_NULL) {
                            problems.add("columns", "must be an array of column names");
                            p.skipChildren();
                        }
                    }
                    case "rows" -> {
                        if (value == JsonToken.START_ARRAY) {
                            rows();
                        } else {
                            problems.add("rows", "must be an array of rows, each an array of numbers");
                            p.skipChildren();
                        }
                    }
                    case "labelColumn" -> {
                        if (value == JsonToken.VALUE_STRING && !p.getString().isBlank()) {
                            labelColumn = p.getString().strip();
                        } else if (value == JsonToken.VALUE_STRING) {
                            problems.add("labelColumn", "is empty");
                        } else if (value != JsonToken.VALUE_NULL) {
                            problems.add("labelColumn", "must be a string");
                            p.skipChildren();
                        }
                    }
                    case "labels" -> {
                        if (value == JsonToken.START_ARRAY) {
                            labels();
                        } else if (value != JsonToken.VALUE_NULL) {
                            problems.add("labels", "must be an array of strings, one per row");
                            p.skipChildren();
                        }
                    }
                    case "schema" -> schema = TableSchema.read(p, value, problems);
                    default -> {
                        problems.add(field, UnknownFields.problem(field, field, FIELDS).reason());
                        p.skipChildren();
                    }
                }
            }
        }

        private void columnNames() {
            List<String> names = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                int i = names.size();
                if (i >= limits.maxColumns()) {
                    limits.checkColumns(i + 1L);
                }
                String field = "columns[" + i + "]";
                if (t != JsonToken.VALUE_STRING) {
                    problems.add(field, "must be a string");
                    p.skipChildren();
                    names.add("col" + i);
                    continue;
                }
                String column = p.getString().strip();
                if (column.isEmpty()) {
                    problems.add(field, "is empty");
                } else {
                    Integer earlier = seen.putIfAbsent(column, i);
                    if (earlier != null) {
                        problems.add(field, "\"" + column + "\" is also columns[" + earlier + "]: names must be unique");
                    }
                }
                names.add(column);
            }
            columns = names;
        }

        private void labels() {
            List<String> texts = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                // More labels than rows can be is refused before they fill the memory.
                limits.checkRows(texts.size() + 1L);
                if (t == JsonToken.VALUE_STRING) {
                    texts.add(p.getString());
                } else {
                    problems.add("labels[" + texts.size() + "]", "must be a string");
                    p.skipChildren();
                    texts.add("");
                }
            }
            labels = texts;
        }

        private void rows() {
            sawRows = true;
            long row = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), row++) {
                limits.checkRows(row + 1);
                if (t != JsonToken.START_ARRAY) {
                    problems.add("rows[" + row + "]", "row " + (row + 1) + " is not an array of numbers");
                    p.skipChildren();
                    continue;
                }
                if (width < 0) {
                    firstRow(row);
                } else {
                    nextRow(row);
                }
            }
        }

        /** The first row fixes the width (unless {@code columns} came first and fixed it already). */
        private void firstRow(long row) {
            if (columns != null) {
                width = columns.size();
                if (width == 0) {
                    throw Problems.invalid("columns", "is empty: a dataset needs at least one feature column");
                }
                table = new TableBuilder(width, limits, problems);
                nextRow(row);
                return;
            }
            CellKind[] kinds = new CellKind[64];
            float[] numbers = new float[64];
            String[] texts = new String[64];
            int count = 0;
            boolean valid = true;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (count == kinds.length) {
                    limits.checkColumns(count + 1L);
                    int grown = (int) Math.min(2L * count, limits.maxColumns());
                    kinds = Arrays.copyOf(kinds, grown);
                    numbers = Arrays.copyOf(numbers, grown);
                    texts = Arrays.copyOf(texts, grown);
                }
                // Until the table exists every number's text is kept: the column may still turn categorical.
                read(t, row, count, true);
                valid &= kind != CellKind.INVALID;
                kinds[count] = kind;
                numbers[count] = number;
                texts[count++] = text;
            }
            if (count == 0) {
                throw Problems.invalid("rows[" + row + "]", "row " + (row + 1) + " is empty: a dataset needs at least one feature column");
            }
            width = count;
            table = new TableBuilder(width, limits, problems);
            if (valid) {
                table.reserveRow();
                for (int j = 0; j < width; j++) {
                    kind = kinds[j];
                    number = numbers[j];
                    text = texts[j];
                    store(row, j);
                }
                table.commitRow();
            }
        }

        private void nextRow(long row) {
            table.reserveRow();
            int count = 0;
            boolean valid = true;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), count++) {
                if (count >= width) {
                    p.skipChildren();
                    continue;
                }
                read(t, row, count, table.needsText(count));
                valid &= store(row, count);
            }
            if (count != width) {
                problems.add("rows[" + row + "]", "row " + (row + 1) + " has " + count + " values, expected " + width);
            } else if (valid && !problems.any()) {
                table.commitRow();
            }
        }

        /**
         * Reads the cell at token {@code t} into {@link #kind}, {@link #number} and {@link #text}; an invalid cell
         * is recorded as a problem. A number's text is made only when {@code wantText} and the value would not
         * write it back (a JSON integer of up to 7 digits always does).
         */
        private void read(JsonToken t, long row, int column, boolean wantText) {
            text = null;
            String why;
            switch (t) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    double v = p.getDoubleValue();
                    if (Double.isNaN(v)) {
                        kind = CellKind.MISSING;
                        return;
                    }
                    float f = Cells.narrow(v);
                    if (!Float.isNaN(f)) {
                        kind = CellKind.NUMBER;
                        number = f;
                        if (wantText && !(t == JsonToken.VALUE_NUMBER_INT && Math.abs(v) < 1e7)) {
                            text = p.getText();
                        }
                        return;
                    }
                    why = Cells.whyNot(v);
                }
                case VALUE_STRING -> {
                    String s = p.getString();
                    kind = s.isEmpty() || s.equals("NA") || s.equals("NaN") ? CellKind.MISSING : CellKind.TEXT;
                    text = s;
                    return;
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    kind = CellKind.TEXT;
                    text = p.getText();
                    return;
                }
                case VALUE_NULL -> {
                    kind = CellKind.MISSING;
                    return;
                }
                default -> {
                    p.skipChildren();
                    why = "is " + (t == JsonToken.START_ARRAY ? "an array" : "an object")
                            + ", expected a number, a string or null";
                }
            }
            kind = CellKind.INVALID;
            problems.add(cellField(row, column), cellName(row, column) + why);
        }

        /**
         * Stores the cell {@link #read} read; false if it is invalid. No column is declared yet (the schema is
         * applied after the rows), so every column takes text.
         */
        private boolean store(long row, int column) {
            switch (kind) {
                case NUMBER -> table.number(column, number, text);
                case MISSING -> table.missing(column);
                case TEXT -> table.text(column, text, row + 1);
                case INVALID -> {
                    return false;
                }
            }
            return true;
        }

        private String cellField(long row, int column) {
            return "rows[" + row + "][" + column + "]";
        }

        private String cellName(long row, int column) {
            return "row " + (row + 1) + ", column \"" + columnName(column) + "\": ";
        }

        private String columnName(int column) {
            return columns != null && column < columns.size() ? columns.get(column) : "col" + column;
        }
    }
}
