package dev.hourglass.system;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every error into problem+json with a stable {@code type}. Spring's own MVC exceptions get a
 * type slug here; anything unexpected is a 500 whose body carries no stack trace (the log has it).
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        body.setType(e.typeUri());
        body.setTitle(e.title());
        body.setProperty("errors", e.errors());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return response.body(body);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String reason = "not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName());
        return api(new ApiException(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                e.getName() + ": " + reason, List.of(new FieldProblem(e.getName(), reason))));
    }

    /**
     * A body that parses as JSON but has a value of the wrong type (an unknown enum constant, text
     * where a number belongs) is invalid content, 422 naming the field; broken JSON stays a 400. A refusal a
     * deserializer made while reading (rows beyond max-inference-rows) is answered as itself.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ApiException refused = ApiException.causing(ex);
        if (refused != null) {
            ResponseEntity<ProblemDetail> problem = api(refused);
            return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
        }
        if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = FieldProblem.path(mismatch.getPath());
            String reason = mismatch instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                    && invalid.getTargetType().isEnum()
                    ? "must be one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
                    : "has the wrong type (expected " + (mismatch.getTargetType() == null ? "another type"
                            : mismatch.getTargetType().getSimpleName()) + ")";
            ResponseEntity<ProblemDetail> problem = api(ApiException.invalid("validation", field, reason));
            return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
        }
        RequestSizeLimit.BodyTooLarge tooLarge = bodyTooLarge(ex);
        if (tooLarge != null) {
            ResponseEntity<ProblemDetail> problem = api(ApiException.tooLarge("request-too-large", tooLarge.getMessage()));
            return ResponseEntity.status(problem.getStatusCode()).body(problem.getBody());
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    /**
     * A multipart body Tomcat cannot parse (bad boundary, cut off) is the client's error, not a 500. Spring parses
     * any multipart body before it picks a handler, so this is also where one sent to a serving protocol ends: it
     * is answered in that protocol's {@code {"error": …}}.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<?> malformedMultipart(MultipartException e, HttpServletRequest request) {
        String detail = "Malformed multipart request: "
                + firstLine(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (DirectErrors.servingProtocol(path)) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body(java.util.Map.of("error", detail));
        }
        return api(ApiException.badRequest("malformed-request", detail));
    }

    /**
     * A query string Tomcat cannot decode (broken percent-encoding, a parameter without a name) fails when a
     * controller first reads a parameter; it is the client's error.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameters(InvalidParameterException e) {
        return api(ApiException.badRequest("invalid-parameter", "The query string could not be decoded (a broken "
                + "percent-encoding, invalid UTF-8 or a parameter without a name)"));
    }

    /** The JSON size cap's exception, however a controller or parser wrapped it; null if there is none. */
    private static RequestSizeLimit.BodyTooLarge bodyTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.BodyTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    /** Constraint annotations on query parameters and headers (@Min, @Max, @Size) checked by method validation. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field)).toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.reason())
                .collect(java.util.stream.Collectors.joining("; "));
        return api(new ApiException(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", detail, errors));
    }

    /** "list.size" → "size": the parameter's name without the method's. */
    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletResponse response) throws Exception {
        if (response.isCommitted()) {
            // Part of a streamed body (a dataset's rows) is out: a problem appended to it would corrupt it, and the
            // status is sent. Rethrown (Spring then neither handles nor logs it here), the exception reaches the
            // container, which closes the connection: the client sees a broken transfer, not a short but
            // complete-looking file. A client that went away is logged at debug level only.
            throw e;
        }
        RequestSizeLimit.BodyTooLarge tooLarge = bodyTooLarge(e);
        if (tooLarge != null) {
            // e.g. the JSON dataset upload, which streams the body itself and wraps read errors
            return api(ApiException.tooLarge("request-too-large", tooLarge.getMessage()));
        }
        log.error("Unhandled error", e);
        return api(new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "An unexpected error occurred; it has been logged.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setType(URI.create(ApiException.TYPE_BASE + slug(ex)));
            if (ex instanceof HttpMessageNotReadableException) {
                // Jackson's message names the position of the error; it never includes our internals.
                problem.setDetail("Malformed request body: " + firstLine(ex.getMessage()));
            }
            if (ex instanceof MethodArgumentNotValidException invalid) {
                problem.setProperty("errors", invalid.getBindingResult().getFieldErrors().stream()
                        .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage())).toList());
            }
            if (problem.getProperties() == null || !problem.getProperties().containsKey("errors")) {
                problem.setProperty("errors", List.of());
            }
        }
        return response;
    }

    private static String slug(Exception ex) {
        if (ex instanceof HttpMessageNotReadableException) return "malformed-request";
        if (ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException) return "validation";
        if (ex instanceof HttpMediaTypeNotSupportedException) return "unsupported-media-type";
        if (ex instanceof HttpMediaTypeNotAcceptableException) return "not-acceptable";
        if (ex instanceof HttpRequestMethodNotSupportedException) return "method-not-allowed";
        if (ex instanceof MissingServletRequestParameterException || ex instanceof MissingServletRequestPartException) return "missing-parameter";
        if (ex instanceof MaxUploadSizeExceededException) return "upload-too-large";
        if (ex instanceof NoResourceFoundException) return "not-found";
        return "bad-request";
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
