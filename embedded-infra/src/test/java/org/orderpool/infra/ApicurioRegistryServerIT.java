package org.orderpool.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ApicurioRegistryServerIT {

    private static final String SCHEMA_BODY =
            "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
    private static final String INCOMPATIBLE_BODY =
            "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"R\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"},{\\\"name\\\":\\\"b\\\",\\\"type\\\":\\\"int\\\"}]}\"}";

    private final Path workDir = Path.of(System.getProperty("orderpool.test.dir", "target/test-work"))
            .resolve("registry-" + System.nanoTime());
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldKeepSchemasAndTheirIdsAcrossARestartWithADataDirectory() throws Exception {
        final String firstAnswer;
        try (ApicurioRegistryServer registry = ApicurioRegistryServer.create(0, workDir.resolve("data"), workDir.resolve("r1.log")).start()) {
            firstAnswer = post(registry, "/subjects/persist-value/versions", SCHEMA_BODY).body();
            assertThat(firstAnswer).matches("\\{\"id\":\\d+}");
            assertThat(post(registry, "/subjects/persist-value/versions", INCOMPATIBLE_BODY).statusCode())
                    .as("BACKWARD compatibility is enforced like Confluent's default").isEqualTo(409);
        }

        try (ApicurioRegistryServer again = ApicurioRegistryServer.create(0, workDir.resolve("data"), workDir.resolve("r2.log")).start()) {
            assertThat(post(again, "/subjects/persist-value/versions", SCHEMA_BODY).body()).isEqualTo(firstAnswer);
        }
    }

    @Test
    void shouldSayHowToGetTheBundleWhenItIsMissing() throws Exception {
        final String home = System.getProperty(ApicurioRegistryServer.HOME_PROPERTY);
        final Path empty = Files.createDirectories(workDir.resolve("empty-home"));
        System.setProperty(ApicurioRegistryServer.HOME_PROPERTY, empty.toString());
        try {
            assertThatThrownBy(() -> ApicurioRegistryServer.create(0, null, workDir.resolve("x.log")).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Apicurio Registry is not unpacked in " + empty)
                    .hasMessageContaining("./mvnw install -DskipTests");
        } finally {
            System.setProperty(ApicurioRegistryServer.HOME_PROPERTY, home);
        }
    }

    @Test
    void shouldRefuseAPortInUseWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ApicurioRegistryServer.create(taken.getLocalPort(), null, workDir.resolve("y.log")).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
        }
    }

    private HttpResponse<String> post(final ApicurioRegistryServer registry, final String path, final String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
