package dev.hourglass.dataset.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import dev.hourglass.system.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Small helpers shared by the parser tests. */
final class ParserFixtures {

    static final Limits GENEROUS = new Limits(1_000_000, 100_000, 100_000_000, 1000);

    private ParserFixtures() {
    }

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] plain) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(plain);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problem thrown by {@code call}, checked to have the given HTTP status and type slug. */
    static ApiException problem(int status, String type, ThrowingCallable call) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("expected a %s %s problem", status, type).isNotNull();
        assertThat(e.status().value()).isEqualTo(status);
        assertThat(e.typeUri()).hasToString(ApiException.TYPE_BASE + type);
        return e;
    }
}
