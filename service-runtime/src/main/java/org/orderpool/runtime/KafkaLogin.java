package org.orderpool.runtime;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orderpool.contracts.client.KafkaClientSettings;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Logs a service in to a secured cluster: given {@code orderpool.kafka.sasl.username} (the service's
 * principal) and {@code orderpool.kafka.sasl.password-file} (a mounted secret), every Kafka client of
 * the service (Kafka Streams, producers, consumers, admin, all built from Spring's Kafka properties)
 * connects with SASL/SCRAM as that principal. Without a user name, nothing changes: plaintext, as on
 * the embedded stack. Settings given explicitly (a TLS protocol, say) win.
 */
public final class KafkaLogin implements EnvironmentPostProcessor {

    static final String USERNAME = "orderpool.kafka.sasl.username";
    static final String PASSWORD_FILE = "orderpool.kafka.sasl.password-file";

    @Override
    public void postProcessEnvironment(final ConfigurableEnvironment environment, final SpringApplication application) {
        final String username = environment.getProperty(USERNAME);
        if (username == null || username.isBlank()) {
            return;
        }
        final String passwordFile = environment.getProperty(PASSWORD_FILE);
        if (passwordFile == null || passwordFile.isBlank()) {
            throw new IllegalStateException(USERNAME + " is set but " + PASSWORD_FILE + " is not: where is the principal's password?");
        }
        final Map<String, Object> login = new LinkedHashMap<>();
        KafkaClientSettings.scramLogin(username.strip(), KafkaClientSettings.readPassword(Path.of(passwordFile)))
                .forEach((name, value) -> login.put(name.equals("security.protocol") ? "spring.kafka.security.protocol"
                        : "spring.kafka.properties[" + name + "]", value));
        environment.getPropertySources().addLast(new MapPropertySource("orderpool-kafka-login", login));
    }
}
