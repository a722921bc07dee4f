package org.orderpool.dashboard.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orderpool.dashboard.OpsDashboardApplication;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the console's Spring Security to the console. In production each service has its own
 * classpath, but the embedded stack and the integration tests run every service in one JVM, where the
 * security jars the console brings would switch Spring Boot's default security on in every other
 * application (locking the intake gateway and the shop API behind a generated password). For an
 * application that is not the console, this excludes Spring Security's auto-configuration, adding to
 * any exclusions the application has.
 */
public final class ConsoleSecurityScope implements EnvironmentPostProcessor {

    static final List<String> SECURITY_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.rsocket.RSocketSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration");
    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    @Override
    public void postProcessEnvironment(final ConfigurableEnvironment environment, final SpringApplication application) {
        if (isConsole(application.getAllSources())) {
            return;
        }
        final Set<String> excluded = new LinkedHashSet<>();
        final String existing = environment.getProperty(EXCLUDE);
        if (existing != null && !existing.isBlank()) {
            excluded.addAll(List.of(existing.split("\\s*,\\s*")));
        }
        excluded.addAll(SECURITY_AUTO_CONFIGURATIONS);
        environment.getPropertySources().addFirst(new MapPropertySource("ops-console-security-scope",
                Map.of(EXCLUDE, String.join(",", excluded))));
    }

    static boolean isConsole(final Set<Object> sources) {
        return sources.contains(OpsDashboardApplication.class);
    }
}
