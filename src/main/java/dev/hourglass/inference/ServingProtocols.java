package dev.hourglass.inference;

import java.io.IOException;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the TF-Serving and KServe adapters share: model names, request bodies, and refusals in the
 * protocols' own shape, {@code {"error": "…"}}, which {@link ServingProtocolAdvice} writes.
 */
final class ServingProtocols {

    private ServingProtocols() {
    }

    /** The body of every error on /v1 and /v2: TF-Serving's and the Open Inference Protocol's error object. */
    record ErrorBody(@Schema(description = "What went wrong", example = "Unknown output 'codes'; this model's "
            + "outputs are code, reconstruction, score, is_anomaly, p_value") String error) {
    }

    /** A refusal in a serving protocol's terms: an HTTP status and the message of {@code {"error": …}}. */
    static final class ProtocolException extends RuntimeException {

        private final HttpStatus status;

        ProtocolException(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }

        static ProtocolException badRequest(String message) {
            return new ProtocolException(HttpStatus.BAD_REQUEST, message);
        }

        static ProtocolException notFound(String message) {
            return new ProtocolException(HttpStatus.NOT_FOUND, message);
        }

        HttpStatus status() {
            return status;
        }
    }

    /** The model a protocol URL names: its id. A name that is no id names no model (404, as an unknown id). */
    static UUID modelId(String name) {
        try {
            return UUID.fromString(name);
        } catch (IllegalArgumentException e) {
            throw ProtocolException.notFound("No model named '" + name + "'; models are named by their id");
        }
    }

    /**
     * The request body as JSON. TF-Serving reads every body as JSON whatever its Content-Type, and its own
     * examples post with {@code curl -d} (application/x-www-form-urlencoded) or with no type at all, so those
     * are read as JSON too; any other declared type (text, XML, multipart, the binary tensor extension's
     * octet-stream) is a 415. The body is read here rather than by a {@code @RequestBody}, because Spring
     * rebuilds a form post's body from its parameters, which mangles JSON.
     */
    static <T> T readBody(HttpServletRequest request, JsonMapper json, Class<T> type) {
        String contentType = request.getContentType();
        if (contentType != null && !readsAsJson(contentType)) {
            throw new ProtocolException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType
                    + "' is not supported; send the request body as JSON (Content-Type: application/json)");
        }
        T body;
        try {
            body = json.readValue(request.getInputStream(), type);
        } catch (IOException e) {
            throw ProtocolException.badRequest("The request body could not be read: " + e.getMessage());
        }
        if (body == null) {
            throw ProtocolException.badRequest("The request body is empty; a JSON object is expected");
        }
        return body;
    }

    private static boolean readsAsJson(String contentType) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return type.isCompatibleWith(MediaType.APPLICATION_JSON) || "json".equals(type.getSubtypeSuffix())
                || type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED);
    }
}
