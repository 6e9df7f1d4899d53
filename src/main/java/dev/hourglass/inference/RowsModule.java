package dev.hourglass.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hourglass.inference.Rows.Numbers;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the rows fields of inference requests into {@link Rows} as their tokens arrive, for Spring Boot's JSON
 * mapper (the /api/v1 bodies and the serving protocols' alike): a row of plain numbers goes straight into a
 * double array, never a node per cell, and the (max-inference-rows + 1)-th row is refused with a 413
 * {@code too-many-rows} as it begins, the rest of the body unread.
 */
@Component
class RowsModule extends SimpleModule {

    static {
        // Rows hold any JSON, as the JsonNode fields they replaced: documented as those were, not as the class.
        SpringDocUtils.getConfig().replaceWithSchema(Rows.class, new Schema<>());
    }

    RowsModule(@Value("${hourglass.limits.max-inference-rows:10000}") int maxRows) {
        super("hourglass-rows");
        addDeserializer(Rows.class, new Reader(maxRows, "rows"));
    }

    /** Reads one rows field; {@code field} is how errors name it. */
    static final class Reader extends ValueDeserializer<Rows> {

        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
        /** Integers up to 2^53 are exact in a double; larger ones stay nodes, their digits kept. */
        private static final long EXACT = 1L << 53;

        private final int maxRows;
        private final String field;

        Reader(int maxRows, String field) {
            this.maxRows = maxRows;
            this.field = field;
        }

        /** Named as the calls name the rows: KServe's tensor {@code data} is its {@code input}. */
        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            if (property == null) {
                return this;
            }
            String name = property.getName();
            return new Reader(maxRows, name.equals("data") ? "input" : name);
        }

        /** An explicit null is present (TF-Serving refuses instances and inputs both, even when one is null). */
        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return Rows.NULL;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }

        @Override
        public Rows deserialize(JsonParser p, DeserializationContext ctxt) {
            return value(p, ctxt, field);
        }

        private Rows value(JsonParser p, DeserializationContext ctxt, String at) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_ARRAY) {
                return array(p, ctxt, at);
            }
            if (t == JsonToken.START_OBJECT) {
                // rows per member: a modality's named modalities.<name>; TF-Serving's {"input": rows} by inputs
                Map<String, Rows> members = new LinkedHashMap<>();
                for (t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    p.nextToken();
                    members.put(name, value(p, ctxt, at.equals("modalities") ? at + "." + name : at));
                }
                return Rows.object(members);
            }
            return t == JsonToken.VALUE_NULL ? Rows.NULL : Rows.of(ctxt.readTree(p));
        }

        /**
         * An array: of plain numbers, a flat tensor whose elements are cells (bounded by the body's size); else of
         * rows, each read compactly when it holds plain numbers only.
         */
        private Rows array(JsonParser p, DeserializationContext ctxt, String at) {
            Scratch scratch = new Scratch();
            List<Object> elements = new ArrayList<>();
            JsonToken t = p.nextToken();
            if (t != JsonToken.END_ARRAY && scratch.add(p, ctxt)) {
                for (t = p.nextToken(); t != JsonToken.END_ARRAY && scratch.add(p, ctxt); t = p.nextToken()) {
                    // plain numbers
                }
                Numbers numbers = scratch.numbers();
                if (t == JsonToken.END_ARRAY) {
                    return Rows.flat(numbers);
                }
                for (int i = 0; i < numbers.size(); i++) {
                    elements.add(numbers.node(i));
                }
            }
            for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (elements.size() >= maxRows) {
                    throw RowParser.tooManyRows(at, (maxRows + 1) + " rows or more", maxRows);
                }
                elements.add(t == JsonToken.START_ARRAY ? row(p, ctxt, scratch) : ctxt.readTree(p));
            }
            return Rows.array(elements);
        }

        /** A row: its numbers when it holds plain numbers only, else its tree. */
        private static Object row(JsonParser p, DeserializationContext ctxt, Scratch scratch) {
            scratch.clear();
            JsonToken t = p.nextToken();
            while (t != JsonToken.END_ARRAY && scratch.add(p, ctxt)) {
                t = p.nextToken();
            }
            if (t == JsonToken.END_ARRAY) {
                return scratch.numbers();
            }
            ArrayNode row = scratch.numbers().array();
            for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
                row.add(ctxt.readTree(p));
            }
            return row;
        }

        /** The numbers of one row (or flat array) as they are read; reused from row to row. */
        private static final class Scratch {

            private double[] values = new double[64];
            private long[] integers = new long[1];
            private boolean anyInteger;
            private int size;

            void clear() {
                Arrays.fill(integers, 0, (size + 63) >>> 6, 0L);
                anyInteger = false;
                size = 0;
            }

            /**
             * Appends the number at the parser's token, read as Jackson's tree reads it; false, appending nothing,
             * when the token is not a plain number (a string, null, array or object; an integer beyond 2^53).
             */
            boolean add(JsonParser p, DeserializationContext ctxt) {
                JsonToken t = p.currentToken();
                if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    long v = p.getLongValue();
                    if (v > EXACT || v < -EXACT) {
                        return false;
                    }
                    append(v);
                    integers[(size - 1) >>> 6] |= 1L << (size - 1);
                    anyInteger = true;
                    return true;
                }
                if (t == JsonToken.VALUE_NUMBER_FLOAT && !ctxt.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                        && p.getNumberTypeFP() != JsonParser.NumberTypeFP.BIG_DECIMAL) {
                    append(p.getDoubleValue());
                    return true;
                }
                return false;
            }

            private void append(double v) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                    integers = Arrays.copyOf(integers, (size * 2 + 63) >>> 6);
                }
                values[size++] = v;
            }

            Numbers numbers() {
                return new Numbers(Arrays.copyOf(values, size),
                        anyInteger ? Arrays.copyOf(integers, (size + 63) >>> 6) : null);
            }
        }
    }
}
