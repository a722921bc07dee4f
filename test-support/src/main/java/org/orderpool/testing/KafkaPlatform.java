package org.orderpool.testing;

import java.util.Map;

/**
 * A real Kafka broker and a real schema registry that integration tests talk to. One per test JVM,
 * shared by every test, which therefore uses its own topics and application ids.
 */
public interface KafkaPlatform extends AutoCloseable {

    String bootstrapServers();

    /** How a test's own clients connect (as a super user when the broker is secured). */
    default Map<String, Object> clientSettings() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    /** Base URL of a registry speaking Confluent Schema Registry's REST API. */
    String schemaRegistryUrl();

    /** What runs, for test output: for example "embedded KRaft broker + Apicurio Registry 2.6 (child process)". */
    String description();

    @Override
    void close();

    /** A platform somebody else runs and stops (the local stack, for example); closing it does nothing. */
    static KafkaPlatform existing(final String bootstrapServers, final String schemaRegistryUrl, final String description) {
        return new KafkaPlatform() {
            @Override
            public String bootstrapServers() {
                return bootstrapServers;
            }

            @Override
            public String schemaRegistryUrl() {
                return schemaRegistryUrl;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                // owned elsewhere
            }
        };
    }
}
