package org.orderpool.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Speaks Confluent Schema Registry's REST API over HTTP: Confluent Schema Registry itself, and
 * Apicurio Registry's compatible API (base URL ending in {@code /apis/ccompat/v7}). Makes a call for
 * every question: wrap it in a {@link CachingSchemaRegistryClient}. Connection failures and 5xx answers
 * are retried a few times, because services often start while the registry is still starting.
 */
public final class ConfluentRegistryHttpClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int ATTEMPTS = 4;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final Duration requestTimeout;

    /**
     * @param baseUrl         registry base URL, for example {@code http://localhost:8081} (Confluent) or
     *                        {@code http://localhost:8081/apis/ccompat/v7} (Apicurio)
     * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication, or null
     */
    public ConfluentRegistryHttpClient(final String baseUrl, final String basicAuthUserInfo, final Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = basicAuthUserInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    public ConfluentRegistryHttpClient(final String baseUrl) {
        this(baseUrl, null, Duration.ofSeconds(10));
    }

    /**
     * Registers the schema, or finds it already registered. A 409 is not always an incompatible schema: Apicurio's
     * ccompat API answers 409 "artifact already exists" to the loser of two first registrations of a subject at the
     * same moment (two instances of a service starting together), although the schema is then there. So a 409 is
     * followed by a look-up: the schema found gives its id; only a schema still not there is the 409 it said.
     */
    @Override
    public int register(final String subject, final Schema schema) {
        try {
            return call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                    "register schema " + schema.getFullName() + " under subject '" + subject + "'").get("id").asInt();
        } catch (final SchemaRegistryException refused) {
            if (!refused.isIncompatible()) {
                throw refused;
            }
            try {
                return idOf(subject, schema);
            } catch (final SchemaRegistryException notThere) {
                if (notThere.isNotFound()) {
                    throw refused;
                }
                notThere.addSuppressed(refused);
                throw notThere;
            }
        }
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        return call("POST", "/subjects/" + encode(subject), schemaBody(schema),
                "look up schema " + schema.getFullName() + " under subject '" + subject + "'").get("id").asInt();
    }

    @Override
    public Schema schemaById(final int id) {
        final JsonNode answer = call("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        return new Schema.Parser().parse(answer.get("schema").asText());
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null,
                "fetch the latest version of subject '" + subject + "'");
        return new RegisteredSchema(subject, answer.get("id").asInt(), answer.get("version").asInt(),
                new Schema.Parser().parse(answer.get("schema").asText()));
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        try {
            return call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema),
                    "check compatibility of " + schema.getFullName() + " with subject '" + subject + "'")
                    .get("is_compatible").asBoolean();
        } catch (final SchemaRegistryException e) {
            if (e.isNotFound()) {
                return true; // a subject without versions accepts any first schema
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        return "schema registry at " + baseUrl;
    }

    private String schemaBody(final Schema schema) {
        try {
            return json.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (final IOException e) {
            throw new IllegalStateException("cannot encode schema " + schema.getFullName(), e);
        }
    }

    private JsonNode call(final String method, final String path, final String body, final String what) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return json.readTree(response.body());
                }
                if (response.statusCode() < 500 || attempt == ATTEMPTS) {
                    throw failure(response, what);
                }
            } catch (final ConnectException | java.net.http.HttpTimeoutException e) {
                lastFailure = e;
            } catch (final IOException e) {
                throw new SchemaRegistryException("Could not " + what + " at " + describe() + ": " + e, e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException("Interrupted while trying to " + what, e);
            }
            if (attempt < ATTEMPTS) {
                pause(100L << attempt);
            }
        }
        throw new SchemaRegistryException("Could not " + what + ": " + describe() + " did not answer after "
                + ATTEMPTS + " attempts (" + lastFailure + ")", lastFailure);
    }

    private SchemaRegistryException failure(final HttpResponse<String> response, final String what) {
        int errorCode = -1;
        String message = response.body();
        try {
            final JsonNode error = json.readTree(response.body());
            if (error != null && error.has("error_code")) {
                errorCode = error.get("error_code").asInt();
                message = error.path("message").asText(message);
            }
        } catch (final IOException notJson) {
            // keep the raw body as the message
        }
        return new SchemaRegistryException("Could not " + what + ": " + describe() + " answered HTTP "
                + response.statusCode() + (errorCode >= 0 ? " error " + errorCode : "") + ": " + message,
                response.statusCode(), errorCode);
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
