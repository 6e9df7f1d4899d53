package dev.hourglass.system;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;

/**
 * A refusal that becomes an RFC 9457 problem+json answer. The {@code type} slug is stable API:
 * clients branch on it, so slugs are never renamed (they are listed in the README).
 */
public class ApiException extends RuntimeException {

    public static final String TYPE_BASE = "https://hourglass.dev/problems/";

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldProblem> errors;
    private Integer retryAfterSeconds;

    public ApiException(HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what, UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No " + what + " with id " + id, List.of());
    }

    /** 422: the request parsed but its content is invalid; {@code errors} names each field and reason. */
    public static ApiException invalid(String type, String detail, List<FieldProblem> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, type, "Invalid request content", detail, errors);
    }

    public static ApiException invalid(String type, String field, String reason) {
        return invalid(type, field + ": " + reason, List.of(new FieldProblem(field, reason)));
    }

    public static ApiException conflict(String type, String detail) {
        return new ApiException(HttpStatus.CONFLICT, type, "Conflict", detail, List.of());
    }

    public static ApiException badRequest(String type, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, type, "Bad request", detail, List.of());
    }

    public static ApiException tooLarge(String type, String detail) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, type, "Content too large", detail, List.of());
    }

    /** 429: a limit that frees up with time (queue full); answered with {@code Retry-After}. */
    public static ApiException tooManyRequests(String type, String detail, int retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, type, "Too many requests", detail, List.of())
                .retryAfter(retryAfterSeconds);
    }

    /** 503: this node cannot take the request now (shutting down); answered with {@code Retry-After}. */
    public static ApiException unavailable(String type, String detail, int retryAfterSeconds) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, type, "Service unavailable", detail, List.of())
                .retryAfter(retryAfterSeconds);
    }

    /**
     * The refusal that caused {@code e}, however a parser wrapped it (a deserializer's: rows beyond
     * max-inference-rows, refused while the body is read); null when none did.
     */
    public static ApiException causing(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return refusal;
            }
        }
        return null;
    }

    public ApiException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public URI typeUri() {
        return URI.create(TYPE_BASE + type);
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
