package dev.hourglass.tenant;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hourglass.system.ApiException;
import dev.hourglass.system.DirectErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 401 and 403 of the security filters as problem+json, in the shape system/ProblemAdvice gives every other
 * error ({@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, {@code errors}): the filters
 * answer before any controller, so the advice never sees these.
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String UNAUTHORIZED = "unauthorized";
    static final String FORBIDDEN = "forbidden";

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        String detail = request.getAttribute(ApiKeyFilter.REJECTED) != null
                ? "The API key is unknown or revoked"
                : "An API key is required: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden",
                "This needs an ADMIN key; the key given has the USER role");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
            String title, String detail) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding("UTF-8");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (DirectErrors.servingProtocol(path)) {
            // TF-Serving and KServe clients read errors as {"error": "…"}, a refused key included.
            response.setContentType(DirectErrors.contentType(path));
            response.getWriter().write(DirectErrors.body(path, status.value(), type, title, detail));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ApiException.TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("errors", List.of());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), body);
    }
}
