package org.orderpool.serde;

import org.apache.avro.Schema;

/**
 * The subset of Confluent's Schema Registry REST API that the serde needs. Implemented over HTTP
 * ({@link ConfluentRegistryHttpClient}, for Confluent and Apicurio's ccompat API) and in memory
 * ({@link InMemorySchemaRegistry}, for TopologyTestDriver tests). Wrap either in a
 * {@link CachingSchemaRegistryClient} so the hot path makes no remote call.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} under {@code subject} (or finds it if already there) and returns its id. */
    int register(String subject, Schema schema);

    /**
     * Returns the id of {@code schema} if it is already registered under {@code subject}.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} when it is not
     */
    int idOf(String subject, Schema schema);

    /**
     * Returns the schema with this id.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} for an unknown id
     */
    Schema schemaById(int id);

    /** The latest version registered under {@code subject}. */
    RegisteredSchema latest(String subject);

    /** Whether {@code schema} is compatible with the latest version of {@code subject} under the subject's rule. */
    boolean isCompatible(String subject, Schema schema);

    /** Where this client talks to, for error messages. */
    String describe();

    /** One registered version of a subject. */
    record RegisteredSchema(String subject, int id, int version, Schema schema) {
    }
}
