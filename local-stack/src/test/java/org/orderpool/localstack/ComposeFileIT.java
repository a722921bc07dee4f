package org.orderpool.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The compose files (plaintext, and with the secure profile) are valid for Debian's docker-compose 1.29 (which {@code .ci/run} installs): this
 * machine has no Docker engine to run it, so this is as far as it can be checked here.
 */
class ComposeFileIT {

    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");

    @Test
    void shouldBeAValidComposeFile() throws IOException, InterruptedException {
        assertValid("-f", "docker-compose.yml");
    }

    @Test
    void shouldBeAValidComposeFileWithTheSecureProfile() throws IOException, InterruptedException {
        assertValid("-f", "docker-compose.yml", "-f", "docker-compose.secure.yml");
    }

    private static void assertValid(final String... files) throws IOException, InterruptedException {
        assertThat(DOCKER_COMPOSE).as("docker-compose (apt-get install docker-compose, or run bash .ci/run, which installs it)").isExecutable();
        final List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE.toString()));
        command.addAll(List.of(files));
        command.addAll(List.of("config", "-q"));
        final Process process = new ProcessBuilder(command)
                .directory(Path.of("..").toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }
}
