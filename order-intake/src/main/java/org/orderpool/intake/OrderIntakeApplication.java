package org.orderpool.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** order-intake: the webhook gateway and the intake topology, in one Spring Boot application. */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class OrderIntakeApplication {

    public static void main(final String[] args) {
        SpringApplication.run(OrderIntakeApplication.class, args);
    }
}
