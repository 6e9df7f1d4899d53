package dev.hourglass;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Hourglass: autoencoders as a service. */
@SpringBootApplication
public class HourglassApplication {

    public static void main(String[] args) {
        SpringApplication.run(HourglassApplication.class, args);
    }
}
