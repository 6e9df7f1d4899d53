package dev.hourglass.system;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An Accept header that is not a list of media types ({@code garbage}, {@code application/json;q=abc}) is a 406
 * not-acceptable problem, answered here: past this point Spring MVC negotiates the error body with the same
 * header, fails again, and the answer would be a 406 (or the original 404) with no body at all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AcceptHeaderCheck extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        try {
            // as Spring's HeaderContentNegotiationStrategy reads it, including its cap on the number of types
            MimeTypeUtils.sortBySpecificity(MediaType.parseMediaTypes(accept));
        } catch (IllegalArgumentException e) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            response.setStatus(HttpServletResponse.SC_NOT_ACCEPTABLE);
            response.setContentType(DirectErrors.contentType(path));
            response.getWriter().write(DirectErrors.body(path, HttpServletResponse.SC_NOT_ACCEPTABLE, "not-acceptable",
                    "Not Acceptable", "The Accept header is not a list of media types: " + e.getMessage()));
            return;
        }
        chain.doFilter(request, response);
    }
}
