package dev.hourglass.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps non-multipart request bodies (JSON) at {@code hourglass.limits.max-json-body}: a declared
 * Content-Length over the cap is refused before anything is read, and a chunked body is counted as it
 * is read. Without it a multi-gigabyte JSON body would be parsed into memory. Multipart uploads have
 * their own limit ({@code spring.servlet.multipart.max-file-size}).
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

    /** Thrown by the counting stream; the problem advice turns it into a 413. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("request body larger than " + limit + " bytes (hourglass.limits.max-json-body)");
        }
    }

    private final long limit;

    RequestSizeLimit(@Value("${hourglass.limits.max-json-body:256MB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            String detail = "The request body (" + request.getContentLengthLong() + " bytes) is over the limit of "
                    + limit + " bytes (hourglass.limits.max-json-body)";
            String path = request.getRequestURI().substring(request.getContextPath().length());
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType(DirectErrors.contentType(path));
            response.getWriter().write(DirectErrors.body(path, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "request-too-large", "Content too large", detail));
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private ServletInputStream counted;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (counted == null) {
                    counted = new Counting(super.getInputStream(), limit);
                }
                return counted;
            }
        }, response);
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
