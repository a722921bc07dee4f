package org.orderpool.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orderpool.dashboard.OpsDashboardApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The console's security stays with the console when every service shares one JVM (the embedded stack). */
class ConsoleSecurityScopeTest {

    static class AnotherService {
    }

    @Test
    void shouldSwitchSpringSecurityOffForAnotherApplicationKeepingItsOwnExclusions() {
        final StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("its own", Map.of("spring.autoconfigure.exclude", "com.example.Foo")));

        new ConsoleSecurityScope().postProcessEnvironment(environment, new SpringApplication(AnotherService.class));

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).startsWith("com.example.Foo,")
                .contains("org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration");
    }

    @Test
    void shouldLeaveTheConsolesOwnSecurityOn() {
        final StandardEnvironment environment = new StandardEnvironment();

        new ConsoleSecurityScope().postProcessEnvironment(environment, new SpringApplication(OpsDashboardApplication.class));

        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
    }
}
