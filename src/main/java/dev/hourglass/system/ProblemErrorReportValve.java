package dev.hourglass.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The container's own refusals in our error shapes. Tomcat rejects some requests before any servlet sees them
 * (a path with {@code %00}, an encoded slash or broken percent-encoding) and answers them with its HTML error
 * page; this valve, put in the place of Tomcat's, answers them as problem+json ({@code {"error": …}} on /v1 and
 * /v2) with the type {@code bad-request}. Errors that Spring MVC handled already have a body and are left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String uri = request.getDecodedRequestURI() != null ? request.getDecodedRequestURI() : "";
        String path = uri.isEmpty() ? request.getCoyoteRequest().requestURI().toString() : uri;
        org.springframework.http.HttpStatus known = org.springframework.http.HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status < 500 ? "The request was refused by the server (HTTP " + status + ")"
                : "An unexpected error occurred";
        try {
            response.setContentType(DirectErrors.contentType(path));
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(DirectErrors.body(path, status, status < 500 ? "bad-request" : "internal", title, detail));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to send
        }
    }

    /** Puts the valve in the place of the ErrorReportValves Spring Boot and Tomcat add to the host. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }

        /** After Spring Boot's customizer, which adds its own ErrorReportValve. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
