package dev.hourglass;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Hourglass: autoencoders as a service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HourglassApplication {

    public static void main(String[] args) {
        SpringApplication.run(HourglassApplication.class, args);
    }
}
