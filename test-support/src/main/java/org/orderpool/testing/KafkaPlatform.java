package org.orderpool.testing;

/**
 * A real Kafka broker and a real schema registry that integration tests talk to. One per test JVM,
 * shared by every test, which therefore uses its own topics and application ids.
 */
public interface KafkaPlatform extends AutoCloseable {

    String bootstrapServers();

    /** Base URL of a registry speaking Confluent Schema Registry's REST API. */
    String schemaRegistryUrl();

    /** What runs, for test output: for example "embedded KRaft broker + Apicurio Registry 2.6 (child process)". */
    String description();

    @Override
    void close();
}
