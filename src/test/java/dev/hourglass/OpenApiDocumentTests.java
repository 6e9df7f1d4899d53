package dev.hourglass;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.hourglass.support.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The served OpenAPI document must equal the committed {@code openapi/openapi.yaml}. After an API
 * change, regenerate it with {@code ./mvnw test -Dtest=OpenApiDocumentTests -Dhourglass.openapi.write=true}
 * and commit the result.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiDocumentTests {

    static final Path COMMITTED = Path.of("openapi", "openapi.yaml");

    @LocalServerPort
    int port;

    @Test
    void servedDocumentMatchesTheCommittedOne() throws IOException {
        Api.Response served = new Api(port).get("/v3/api-docs.yaml");
        assertThat(served.status()).isEqualTo(200);
        // The server URL carries the random port; it is not part of the contract.
        String document = served.body().replaceAll("http://localhost:\\d+", "http://localhost:8080");
        if (Boolean.getBoolean("hourglass.openapi.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, document, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("committed OpenAPI document; regenerate with "
                + "./mvnw test -Dtest=OpenApiDocumentTests -Dhourglass.openapi.write=true").exists();
        assertThat(document).as("served OpenAPI document differs from openapi/openapi.yaml; regenerate with "
                + "./mvnw test -Dtest=OpenApiDocumentTests -Dhourglass.openapi.write=true")
                .isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
    }

    @Test
    void swaggerUiIsServed() {
        Api.Response ui = new Api(port).get("/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("Swagger UI");
    }
}
