package org.orderpool.carrier;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** carrier-sink: every manifest to its carrier, as files and optionally over HTTP. Configured by {@code carrier-sink.yml}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CarrierSinkApplication {

    public static final String CONFIG_NAME = "carrier-sink";

    /** The application as every launcher starts it: main, the local stack and tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CarrierSinkApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(final String[] args) {
        builder().run(args);
    }
}
