package dev.hourglass.system;

import java.time.Clock;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@org.springframework.scheduling.annotation.EnableScheduling
class SystemConfig {

    static {
        // A JsonNode field holds any JSON (rows in either form, a spec): documented as such, not as Jackson's class.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new Schema<>());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OpenAPI hourglassOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Hourglass")
                .version("v1")
                .description("Autoencoders as a service: upload a dataset, train an autoencoder variant as an "
                        + "asynchronous job, then encode, decode and reconstruct with the trained model. "
                        + "Errors are RFC 9457 problem+json with a stable `type`.")
                .license(new License().name("Apache-2.0").identifier("Apache-2.0")));
    }
}
