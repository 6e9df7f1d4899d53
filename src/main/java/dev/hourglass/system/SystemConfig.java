package dev.hourglass.system;

import java.time.Clock;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@org.springframework.scheduling.annotation.EnableScheduling
class SystemConfig {

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
                .license(new License().name("Apache-2.0")));
    }
}
