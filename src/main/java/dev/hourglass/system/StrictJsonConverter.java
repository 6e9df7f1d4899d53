package dev.hourglass.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.SmartHttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON converter of {@code @RequestBody}s: a field the target type does not have is a 422 {@code validation}
 * naming every such field of the body by its path ({@code training.epoch}, {@code modalities[1].encodr}), each
 * with the closest known field of its object as a suggestion. Jackson stops at the first unknown field (and for
 * records it replays them after the object, so the parser no longer knows where they were), so the body's bytes,
 * already capped by {@link RequestSizeLimit}, are first walked as tokens against the target type, then bound as
 * before. The walk knows records, arrays, collections and maps; a {@code JsonNode} holds any JSON, and other
 * types are left to Jackson. Only request bodies are strict: the application's mapper stays lenient for what it
 * reads itself (stored specs, and the serving protocols' bodies, which their specs let carry extensions).
 */
@Component
class StrictJsonConverter implements SmartHttpMessageConverter<Object> {

    private final JsonMapper mapper;
    /** Binds after the walk; answers are written by Spring Boot's own JSON converter, as before. */
    private final JacksonJsonHttpMessageConverter json;

    StrictJsonConverter(JsonMapper mapper) {
        this.mapper = mapper;
        this.json = new JacksonJsonHttpMessageConverter(mapper);
    }

    @Override
    public boolean canRead(ResolvableType type, MediaType mediaType) {
        return json.canRead(type, mediaType);
    }

    @Override
    public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
        return false;
    }

    @Override
    public List<MediaType> getSupportedMediaTypes() {
        return json.getSupportedMediaTypes();
    }

    @Override
    public void write(Object value, ResolvableType type, MediaType contentType, HttpOutputMessage output,
            Map<String, Object> hints) {
        throw new UnsupportedOperationException("reads request bodies only");
    }

    @Override
    public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        List<FieldProblem> unknown = new ArrayList<>();
        try (JsonParser p = mapper.createParser(body)) {
            if (p.nextToken() != null) {
                walk(p, type.getType(), "", unknown);
            }
        } catch (JacksonException malformed) {
            // broken JSON: binding below fails on it the way it always has (400 malformed-request)
        }
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("validation", "Unknown fields: " + unknown.stream().map(FieldProblem::field)
                    .collect(Collectors.joining(", ")) + " (each error names the closest known field, if one is close)",
                    unknown);
        }
        return json.read(type, new Buffered(body, input.getHeaders()), hints);
    }

    /** Consumes the value at the parser's current token, noting every field that {@code type} does not have. */
    private static void walk(JsonParser p, Type type, String path, List<FieldProblem> unknown) {
        JsonToken token = p.currentToken();
        Class<?> raw = raw(type);
        if (token == JsonToken.START_OBJECT && raw != null && raw.isRecord() && !ignoresUnknown(raw)) {
            Map<String, Type> fields = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
                String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
                fields.put(name, component.getGenericType());
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String name = p.currentName();
                String at = path.isEmpty() ? name : path + "." + name;
                p.nextToken();
                Type fieldType = fields.get(name);
                if (fieldType == null) {
                    unknown.add(UnknownFields.problem(at, name, fields.keySet()));
                    p.skipChildren();
                } else {
                    walk(p, fieldType, at, unknown);
                }
            }
        } else if (token == JsonToken.START_OBJECT && raw != null && Map.class.isAssignableFrom(raw)
                && type instanceof ParameterizedType map) {
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String at = path + "." + p.currentName();
                p.nextToken();
                walk(p, map.getActualTypeArguments()[1], at, unknown);
            }
        } else if (token == JsonToken.START_ARRAY && element(type) != null) {
            Type element = element(type);
            int index = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken(), index++) {
                walk(p, element, path + "[" + index + "]", unknown);
            }
        } else {
            p.skipChildren();
        }
    }

    private static boolean ignoresUnknown(Class<?> type) {
        JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
        return ignore != null && ignore.ignoreUnknown();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) return c;
        if (type instanceof ParameterizedType parameterized) return raw(parameterized.getRawType());
        return null;
    }

    /** The element type of an array or collection whose elements could hold objects; null for anything else. */
    private static Type element(Type type) {
        if (type instanceof Class<?> c && c.isArray() && !c.getComponentType().isPrimitive()) return c.getComponentType();
        if (type instanceof GenericArrayType array) return array.getGenericComponentType();
        if (type instanceof ParameterizedType parameterized && raw(parameterized) != null
                && Collection.class.isAssignableFrom(raw(parameterized))) {
            return parameterized.getActualTypeArguments()[0];
        }
        return null;
    }

    /** The request again, its body the bytes already read. */
    private record Buffered(byte[] body, HttpHeaders headers) implements HttpInputMessage {
        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }
}
