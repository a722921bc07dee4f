package org.orderpool.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins the HTTP conversation with a registry to the requests and answers documented for Confluent
 * Schema Registry's REST API (paths, media type, JSON bodies, error codes), so the client works
 * unchanged against Confluent. The real-registry integration tests run it against Apicurio.
 */
class ConfluentRegistryHttpClientTest {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type":"record","name":"R","namespace":"x","fields":[{"name":"a","type":"string"}]}""");

    private final List<Recorded> requests = new ArrayList<>();
    private final Deque<int[]> statuses = new ArrayDeque<>();
    private final Deque<String> bodies = new ArrayDeque<>();
    private HttpServer server;
    private ConfluentRegistryHttpClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            final byte[] body = bodies.removeFirst().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(statuses.removeFirst()[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = new ConfluentRegistryHttpClient("http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7/",
                "ops:secret", Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldRegisterByPostingTheSchemaAsAJsonStringToTheSubjectVersions() throws IOException {
        answer(200, "{\"id\":7}");

        assertThat(client.register("orders.accepted-value", SCHEMA)).isEqualTo(7);

        final Recorded request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/apis/ccompat/v7/subjects/orders.accepted-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(new ObjectMapper().readTree(request.body()).get("schema").asText()).isEqualTo(SCHEMA.toString());
        assertThat(request.authorization()).isEqualTo("Basic b3BzOnNlY3JldA==");
    }

    @Test
    void shouldLookUpAnIdByPostingToTheSubject() {
        answer(200, "{\"subject\":\"t-value\",\"version\":3,\"id\":12,\"schema\":" + quoted(SCHEMA) + "}");

        assertThat(client.idOf("t-value", SCHEMA)).isEqualTo(12);
        assertThat(requests.get(0).path()).isEqualTo("/apis/ccompat/v7/subjects/t-value");
    }

    @Test
    void shouldFetchASchemaById() {
        answer(200, "{\"schema\":" + quoted(SCHEMA) + "}");

        assertThat(client.schemaById(12)).isEqualTo(SCHEMA);
        assertThat(requests.get(0).method()).isEqualTo("GET");
        assertThat(requests.get(0).path()).isEqualTo("/apis/ccompat/v7/schemas/ids/12");
    }

    @Test
    void shouldFetchTheLatestVersion() {
        answer(200, "{\"subject\":\"t-value\",\"version\":3,\"id\":12,\"schema\":" + quoted(SCHEMA) + "}");

        assertThat(client.latest("t-value")).isEqualTo(new SchemaRegistryClient.RegisteredSchema("t-value", 12, 3, SCHEMA));
        assertThat(requests.get(0).path()).isEqualTo("/apis/ccompat/v7/subjects/t-value/versions/latest");
    }

    @Test
    void shouldAskForCompatibilityAgainstTheLatestVersion() {
        answer(200, "{\"is_compatible\":false}");

        assertThat(client.isCompatible("t-value", SCHEMA)).isFalse();
        assertThat(requests.get(0).path()).isEqualTo("/apis/ccompat/v7/compatibility/subjects/t-value/versions/latest");
    }

    @Test
    void shouldTreatAnUnknownSubjectAsCompatible() {
        answer(404, "{\"error_code\":40401,\"message\":\"Subject 't-value' not found.\"}");

        assertThat(client.isCompatible("t-value", SCHEMA)).isTrue();
    }

    @Test
    void shouldReportNotFoundWithTheConfluentErrorCode() {
        answer(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");

        assertThatThrownBy(() -> client.schemaById(99))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageContaining("HTTP 404 error 40403: Schema 99 not found");
    }

    @Test
    void shouldReportAnIncompatibleSchema() {
        answer(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");
        answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");

        assertThatThrownBy(() -> client.register("t-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isIncompatible()).isTrue())
                .hasMessageContaining("incompatible with an earlier schema");
        assertThat(requests).extracting(Recorded::path)
                .containsExactly("/apis/ccompat/v7/subjects/t-value/versions", "/apis/ccompat/v7/subjects/t-value");
    }

    @Test
    void shouldTakeTheIdOfASchemaThatAnotherClientRegisteredAtTheSameMoment() {
        // Apicurio's answer to the second of two first registrations of a subject at once (found by two
        // stock-reservation instances starting together: the loser dead-lettered an order and left it half-reserved)
        answer(409, "{\"error_code\":409,\"message\":\"An artifact with ID 't-value' in group 'null' already exists.\"}");
        answer(200, "{\"subject\":\"t-value\",\"version\":1,\"id\":21,\"schema\":" + quoted(SCHEMA) + "}");

        assertThat(client.register("t-value", SCHEMA)).isEqualTo(21);
        assertThat(requests.get(1).method()).isEqualTo("POST");
        assertThat(requests.get(1).path()).isEqualTo("/apis/ccompat/v7/subjects/t-value");
    }

    @Test
    void shouldRetryWhenTheRegistryIsUnavailable() {
        answer(503, "{\"error_code\":50003,\"message\":\"starting\"}");
        answer(200, "{\"id\":3}");

        assertThat(client.register("t-value", SCHEMA)).isEqualTo(3);
        assertThat(requests).hasSize(2);
    }

    @Test
    void shouldNotRetryAClientError() {
        answer(422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");

        assertThatThrownBy(() -> client.register("t-value", SCHEMA)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("42201");
        assertThat(requests).hasSize(1);
    }

    private void answer(final int status, final String body) {
        statuses.add(new int[] {status});
        bodies.add(body);
    }

    private static String quoted(final Schema schema) {
        try {
            return new ObjectMapper().writeValueAsString(schema.toString());
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Recorded(String method, String path, String contentType, String authorization, String body) {
    }
}
