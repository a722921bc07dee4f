package org.orderpool.runtime;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * What every service exposes over HTTP, in one place: {@code /actuator/health} (with liveness and
 * readiness groups and the Kafka Streams state) and {@code /actuator/prometheus}. Defaults only: a
 * service's own configuration wins.
 */
public final class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.of(
            "management.endpoints.web.exposure.include", "health,info,prometheus",
            "management.endpoint.health.probes.enabled", "true",
            "management.endpoint.health.show-details", "always",
            "management.metrics.tags.service", "${spring.application.name}");

    @Override
    public void postProcessEnvironment(final ConfigurableEnvironment environment, final SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("orderpool-observability-defaults", DEFAULTS));
    }
}
