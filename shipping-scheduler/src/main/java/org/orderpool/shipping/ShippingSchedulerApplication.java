package org.orderpool.shipping;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** shipping-scheduler: parcels for each reserved order, one manifest per carrier cut-off. Configured by {@code shipping-scheduler.yml}. */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class ShippingSchedulerApplication {

    public static final String CONFIG_NAME = "shipping-scheduler";

    /** The application as every launcher starts it: main, the local stack, tests and benchmarks. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ShippingSchedulerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(final String[] args) {
        builder().run(args);
    }
}
