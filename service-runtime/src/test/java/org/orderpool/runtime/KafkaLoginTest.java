package org.orderpool.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class KafkaLoginTest {

    @TempDir
    Path dir;

    @Test
    void shouldLogInWithScramAsThePrincipalWithThePasswordFromTheFile() throws IOException {
        final Path secret = Files.writeString(dir.resolve("kafka-password"), "s3cr\"et\n");
        final StandardEnvironment environment = environment(Map.of(KafkaLogin.USERNAME, "fraud-check", KafkaLogin.PASSWORD_FILE,
                secret.toString()));

        new KafkaLogin().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.security.protocol")).isEqualTo("SASL_PLAINTEXT");
        assertThat(environment.getProperty("spring.kafka.properties[sasl.mechanism]")).isEqualTo("SCRAM-SHA-512");
        assertThat(environment.getProperty("spring.kafka.properties[sasl.jaas.config]"))
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"fraud-check\" password=\"s3cr\\\"et\";");
    }

    @Test
    void shouldLeaveAPlaintextDeploymentAlone() {
        final StandardEnvironment environment = environment(Map.of());

        new KafkaLogin().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.kafka.security.protocol")).isNull();
    }

    @Test
    void shouldSayWhatIsMissingWhenOnlyTheUserIsGiven() {
        final StandardEnvironment environment = environment(Map.of(KafkaLogin.USERNAME, "fraud-check"));

        assertThatThrownBy(() -> new KafkaLogin().postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining(KafkaLogin.PASSWORD_FILE);
    }

    private static StandardEnvironment environment(final Map<String, Object> properties) {
        final StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
