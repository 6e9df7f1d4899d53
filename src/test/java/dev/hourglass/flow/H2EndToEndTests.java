package dev.hourglass.flow;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class H2EndToEndTests extends EndToEndFlow {

    @LocalServerPort
    int port;

    @Override
    protected int port() {
        return port;
    }
}
