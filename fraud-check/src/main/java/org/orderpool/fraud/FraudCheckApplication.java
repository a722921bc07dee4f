package org.orderpool.fraud;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** fraud-check: scores accepted orders with the pool's shared view and runs the review queue. Configured by {@code fraud-check.yml}. */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class FraudCheckApplication {

    public static final String CONFIG_NAME = "fraud-check";

    /** The application as every launcher starts it: main, the local stack, tests and benchmarks. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(FraudCheckApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(final String[] args) {
        builder().run(args);
    }
}
