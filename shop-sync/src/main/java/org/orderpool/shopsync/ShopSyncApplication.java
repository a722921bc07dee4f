package org.orderpool.shopsync;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/**
 * shop-sync: each shop hears back about its orders, as signed status webhooks and through the shop
 * API on its own HTTP port. Configured by {@code shop-sync.yml}.
 */
// the shop API's tokens are its only users (ShopApiSecurity): no generated default user and password
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class ShopSyncApplication {

    public static final String CONFIG_NAME = "shop-sync";

    /** The application as every launcher starts it: main, the local stack and tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ShopSyncApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(final String[] args) {
        builder().run(args);
    }
}
