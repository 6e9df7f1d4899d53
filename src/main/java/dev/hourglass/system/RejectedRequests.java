package dev.hourglass.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Requests Spring Security's firewall refuses before any filter or controller sees them (an empty path segment
 * {@code /jobs//cancel}, {@code ..}, an encoded slash or a semicolon): a 400 {@code bad-request} in the error shape
 * of the path, as the container's own refusals get (ProblemErrorReportValve). Spring Security uses this bean in
 * place of its default, which answers a bare 400 that Spring Boot's error page then fills with its own JSON.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(DirectErrors.contentType(path));
        response.getWriter().write(DirectErrors.body(path, HttpServletResponse.SC_BAD_REQUEST, "bad-request",
                "Bad Request", "The request was refused before the API saw it: " + rejected.getMessage()));
    }
}
