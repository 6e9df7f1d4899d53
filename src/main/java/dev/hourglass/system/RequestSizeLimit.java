package dev.hourglass.system;

import java.io.IOException;
import java.util.regex.Pattern;

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
 * Caps non-multipart request bodies (JSON) at {@code hourglass.limits.max-json-body}, and the bodies of the
 * inference calls (rows to encode, score, …; the /v1 and /v2 protocols too) at the smaller
 * {@code hourglass.limits.max-inference-body}: a declared Content-Length over the cap is refused before
 * anything is read, and a chunked body is counted as it is read. Without it a multi-gigabyte JSON body
 * would be parsed into memory; and an inference body needs no more than its row limit's worth (10,000 rows
 * of 100 numbers are about 10 MB), though its rows are counted as they are read (inference.RowsModule). Multipart
 * uploads have their own limit ({@code spring.servlet.multipart.max-file-size}).
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

    /** Thrown by the counting stream; the problem advice turns it into a 413. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(Cap cap) {
            super("request body larger than " + cap.bytes() + " bytes (" + cap.property() + ")");
        }
    }

    /** A body cap and the property that sets it, which a refusal names. */
    record Cap(long bytes, String property) {
    }

    /** The paths of the inference calls, whose bodies are rows or codes to run through a model. */
    private static final Pattern INFERENCE = Pattern.compile(
            "/api/v1/models/[^/]+/(encode|decode|reconstruct|score|impute|sample|nearest)|/v1/models/.*|/v2/models/.*");

    private final Cap json;
    private final Cap inference;

    RequestSizeLimit(@Value("${hourglass.limits.max-json-body:256MB}") DataSize json,
            @Value("${hourglass.limits.max-inference-body:16MB}") DataSize inference) {
        this.json = new Cap(json.toBytes(), "hourglass.limits.max-json-body");
        // the smaller cap binds, and is the one a refusal names
        this.inference = inference.toBytes() < json.toBytes()
                ? new Cap(inference.toBytes(), "hourglass.limits.max-inference-body") : this.json;
    }

    private Cap cap(HttpServletRequest request) {
        return INFERENCE.matcher(path(request)).matches() ? inference : json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase().startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Cap cap = cap(request);
        if (request.getContentLengthLong() > cap.bytes()) {
            String detail = "The request body (" + request.getContentLengthLong() + " bytes) is over the limit of "
                    + cap.bytes() + " bytes (" + cap.property() + ")";
            String path = path(request);
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
                    counted = new Counting(super.getInputStream(), cap);
                }
                return counted;
            }
        }, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final Cap cap;
        private long read;

        Counting(ServletInputStream in, Cap cap) {
            this.in = in;
            this.cap = cap;
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
            if (read > cap.bytes()) {
                throw new BodyTooLarge(cap);
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
