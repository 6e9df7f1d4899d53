package dev.hourglass.dataset.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The column types an upload declares, {@code {column: NUMERIC | CATEGORICAL | IGNORE}} (DESIGN §8.2): a
 * multipart field holding that JSON object (CSV) or the document's {@code schema} member (JSON). Columns it does
 * not name are inferred. Problems are named {@code schema.<column>}.
 */
public final class TableSchema {

    /** What a column is declared to be. */
    public enum Type {
        /** Every observed cell is a finite number. */
        NUMERIC,
        /** Every observed cell is a level, numbers by their text. */
        CATEGORICAL,
        /** Left out of the stored features. */
        IGNORE
    }

    /** Declares nothing: every column is inferred. */
    public static final TableSchema NONE = new TableSchema(Map.of());

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Map<String, Type> types;

    private TableSchema(Map<String, Type> types) {
        this.types = types;
    }

    /** The multipart {@code schema} field: a JSON object as text, or null/blank for none. */
    public static TableSchema parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Problems problems = new Problems();
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
            TableSchema schema = read(p, p.nextToken(), problems);
            if (p.nextToken() != null) {
                problems.add("schema", "has content after the JSON object");
            }
            problems.throwIfAny();
            return schema;
        } catch (JacksonException e) {
            throw Problems.invalid("schema", "is not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
    }

    /**
     * Reads the object whose first token, {@code first}, the parser has just read (a document's {@code schema}
     * member); problems are added to {@code problems}.
     */
    static TableSchema read(JsonParser p, JsonToken first, Problems problems) {
        if (first == JsonToken.VALUE_NULL) {
            return NONE;
        }
        if (first != JsonToken.START_OBJECT) {
            problems.add("schema", "must be an object {column: NUMERIC | CATEGORICAL | IGNORE}");
            p.skipChildren();
            return NONE;
        }
        Map<String, Type> types = new LinkedHashMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String column = p.currentName().strip();
            String field = "schema." + column;
            JsonToken value = p.nextToken();
            Type type = value == JsonToken.VALUE_STRING ? type(p.getString()) : null;
            if (type == null) {
                problems.add(field, (value == JsonToken.VALUE_STRING ? "\"" + p.getString() + "\" is not" : "must be")
                        + " one of NUMERIC, CATEGORICAL, IGNORE");
                p.skipChildren();
            } else if (types.putIfAbsent(column, type) != null) {
                problems.add(field, "is named more than once");
            }
        }
        return new TableSchema(types);
    }

    private static Type type(String name) {
        try {
            return Type.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean isEmpty() {
        return types.isEmpty();
    }

    /**
     * The declared type of each of {@code names} (null where undeclared). A name that is not one of them is a
     * problem, one that is {@code labelColumn} (null if none) a more specific one.
     */
    Type[] resolve(List<String> names, String labelColumn, Problems problems) {
        Type[] resolved = new Type[names.size()];
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.putIfAbsent(names.get(i), i);
        }
        types.forEach((column, type) -> {
            Integer i = index.get(column);
            if (i != null) {
                resolved[i] = type;
            } else if (column.equals(labelColumn)) {
                problems.add("schema." + column, "is the label column; the schema types feature columns only");
            } else {
                problems.add("schema." + column, "is not a column of the dataset");
            }
        });
        return resolved;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
