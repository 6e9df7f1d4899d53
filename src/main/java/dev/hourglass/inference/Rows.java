package dev.hourglass.inference;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The value of a rows field of a request ({@code instances}, {@code codes}, {@code modalities}, a tensor's
 * {@code data}) as {@link RowsModule} reads it, token by token: an array's rows of plain numbers as
 * {@link Numbers}, 8 bytes a cell, where a tree would hold a node per cell; any other row (an object, a row
 * holding strings or nulls) as its tree. An array of plain numbers given flat is one {@link Numbers}; an object
 * (rows per modality, TF-Serving's {@code {"input": rows}}) holds rows per member; anything else is its tree.
 * Read, an element reads as the tree Jackson would have built for it, so the checks see what they always saw.
 */
final class Rows {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An explicit {@code null}: present, unlike an absent field (a Java null). */
    static final Rows NULL = new Rows(NODES.nullNode(), null, null, null);

    /** Not an array or object of rows: its tree. */
    private final JsonNode node;
    /** An object: its members, in order. */
    private final Map<String, Rows> members;
    /** An array: each element a {@link Numbers} or a {@link JsonNode}. */
    private final List<Object> elements;
    /** An array of plain numbers. */
    private final Numbers flat;

    private Rows(JsonNode node, Map<String, Rows> members, List<Object> elements, Numbers flat) {
        this.node = node;
        this.members = members;
        this.elements = elements;
        this.flat = flat;
    }

    static Rows of(JsonNode node) {
        return node.isArray() ? array(List.copyOf(node.valueStream().toList())) : new Rows(node, null, null, null);
    }

    static Rows array(List<Object> elements) {
        return new Rows(null, null, elements, null);
    }

    static Rows flat(Numbers numbers) {
        return new Rows(null, null, null, numbers);
    }

    static Rows object(Map<String, Rows> members) {
        return new Rows(null, members, null, null);
    }

    boolean isNull() {
        return node != null && node.isNull();
    }

    boolean isArray() {
        return elements != null || flat != null;
    }

    boolean isObject() {
        return members != null;
    }

    /** An array's elements, or an object's members. */
    int size() {
        return flat != null ? flat.size() : elements != null ? elements.size() : members != null ? members.size()
                : node.size();
    }

    boolean isEmpty() {
        return size() == 0;
    }

    // Arrays

    /** The numbers of an array given flat; null when it holds anything else (or is not an array). */
    Numbers flat() {
        return flat;
    }

    /** Element {@code i} when it is an array of plain numbers; null when it is anything else. */
    Numbers numbers(int i) {
        return elements != null && elements.get(i) instanceof Numbers n ? n : null;
    }

    boolean isArray(int i) {
        return numbers(i) != null || elements != null && ((JsonNode) elements.get(i)).isArray();
    }

    boolean isObject(int i) {
        return elements != null && elements.get(i) instanceof JsonNode n && n.isObject();
    }

    /** Element {@code i} as Jackson reads it into a tree (a new tree for compact numbers). */
    JsonNode node(int i) {
        if (flat != null) {
            return flat.node(i);
        }
        Object element = elements.get(i);
        return element instanceof Numbers n ? n.array() : (JsonNode) element;
    }

    // Objects

    Collection<String> propertyNames() {
        return members.keySet();
    }

    boolean has(String name) {
        return members.containsKey(name);
    }

    Rows get(String name) {
        return members.get(name);
    }

    Iterable<Map.Entry<String, Rows>> properties() {
        return members.entrySet();
    }

    /**
     * Plain JSON numbers, compact: each one's double value, and which were integer literals (an integer 1 and a
     * float 1.0 differ as text, which a typed model reads as a level name). Only integers a double holds exactly
     * are kept here; larger ones stay nodes.
     *
     * @param integers bit {@code i} set when number {@code i} was an integer literal; null when none was
     */
    record Numbers(double[] values, long[] integers) {

        int size() {
            return values.length;
        }

        double get(int i) {
            return values[i];
        }

        boolean isInteger(int i) {
            return integers != null && (integers[i >>> 6] & 1L << i) != 0;
        }

        /** Number {@code i} as the node Jackson reads it into: an int or long node for an integer, else a double. */
        JsonNode node(int i) {
            if (!isInteger(i)) {
                return NODES.numberNode(values[i]);
            }
            long v = (long) values[i];
            return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
        }

        ArrayNode array() {
            ArrayNode out = NODES.arrayNode(values.length);
            for (int i = 0; i < values.length; i++) {
                out.add(node(i));
            }
            return out;
        }
    }
}
