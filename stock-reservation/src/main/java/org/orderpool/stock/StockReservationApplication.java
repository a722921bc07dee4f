package org.orderpool.stock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** stock-reservation: the pooled stock ledger and the reservation of cleared orders. Configured by {@code stock-reservation.yml}. */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class StockReservationApplication {

    public static final String CONFIG_NAME = "stock-reservation";

    /** The application as every launcher starts it: main, the local stack, tests and benchmarks. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(StockReservationApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(final String[] args) {
        builder().run(args);
    }
}
