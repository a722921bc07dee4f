package org.orderpool.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * order-intake: the webhook gateway and the intake topology, in one Spring Boot application. Its
 * configuration is {@code order-intake.yml} (not application.yml), so that several services can share
 * one JVM in the embedded stack without reading each other's settings.
 */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class OrderIntakeApplication {

    public static final String CONFIG_NAME = "order-intake";

    /** The application as every launcher starts it: main, the local stack, tests and benchmarks. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(OrderIntakeApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(final String[] args) {
        builder().run(args);
    }
}
