package dev.hourglass.inference;

import dev.hourglass.inference.ServingProtocols.ErrorBody;
import dev.hourglass.inference.ServingProtocols.ProtocolException;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Errors of the serving protocols in their own shape, {@code {"error": "…"}} (TF-Serving's REST API and the
 * Open Inference Protocol both specify it), ahead of the problem+json of /api. An invalid request is a 400
 * (TF-Serving's INVALID_ARGUMENT; "typically 400" in the Open Inference Protocol) where /api says 422; other
 * statuses (404, 413, 415) stay as they are.
 */
@RestControllerAdvice(assignableTypes = {TfServingController.class, KServeController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServingProtocolAdvice {

    private static final Logger log = LoggerFactory.getLogger(ServingProtocolAdvice.class);

    @ExceptionHandler(ProtocolException.class)
    ResponseEntity<ErrorBody> protocol(ProtocolException e) {
        return error(e.status(), e.getMessage());
    }

    /** Refusals of the inference service: unknown model, invalid rows, limits. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorBody> api(ApiException e) {
        HttpStatus status = e.status() == HttpStatus.UNPROCESSABLE_CONTENT ? HttpStatus.BAD_REQUEST : e.status();
        return error(status, e.getMessage());
    }

    /**
     * A body that is not JSON, or JSON of the wrong shape (Jackson's class names stay out of the message), or
     * that could not be read: a chunked body over hourglass.limits.max-inference-body ends here, its message naming
     * the limit. Rows beyond max-inference-rows, refused while read, end here too, wrapped by the parser.
     */
    @ExceptionHandler(JacksonException.class)
    ResponseEntity<ErrorBody> unreadable(JacksonException e) {
        ApiException refused = ApiException.causing(e);
        if (refused != null) {
            return api(refused);
        }
        if (e instanceof JacksonIOException && e.getCause() != null) {
            return error(HttpStatus.BAD_REQUEST, "The request body could not be read: " + e.getCause().getMessage());
        }
        if (e instanceof MismatchedInputException mismatch) {
            return error(HttpStatus.BAD_REQUEST, mismatch.getPath().isEmpty()
                    ? "The request body must be a JSON object"
                    : "Field " + FieldProblem.path(mismatch.getPath()) + " has the wrong type");
        }
        return error(HttpStatus.BAD_REQUEST, "Malformed JSON in the request body: " + e.getOriginalMessage());
    }

    /** Spring MVC's own refusals keep their status; anything else is a bug, logged, with no details in the body. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            return error(response.getStatusCode(), response.getBody().getDetail());
        }
        log.error("Unhandled error in a serving protocol", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.");
    }

    private static ResponseEntity<ErrorBody> error(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ErrorBody(message));
    }
}
