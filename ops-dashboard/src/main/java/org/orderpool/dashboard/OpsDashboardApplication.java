package org.orderpool.dashboard;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** ops-dashboard: the live web page ops watch the pool on. Configured by {@code ops-dashboard.yml}. */
@SpringBootApplication
@EnableScheduling
public class OpsDashboardApplication {

    public static final String CONFIG_NAME = "ops-dashboard";

    /** The application as every launcher starts it: main, the local stack and tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(OpsDashboardApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(final String[] args) {
        builder().run(args);
    }
}
