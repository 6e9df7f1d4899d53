package dev.hourglass.system;

import java.util.List;

import tools.jackson.core.JacksonException;

/** One offending input: a JSON path-like field name (`training.epochs`, `instances[3][17]`) and why. */
public record FieldProblem(String field, String reason) {

    /** The field path of a JSON binding error's references: {@code training.epochs}, {@code encoder[1]}. */
    public static String path(List<JacksonException.Reference> references) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!field.isEmpty()) field.append('.');
                field.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
