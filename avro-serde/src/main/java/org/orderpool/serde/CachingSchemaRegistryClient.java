package org.orderpool.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Remembers ids and schemas so that, after the first record of each schema, serializing and
 * deserializing make no call to the registry. Ids are immutable in a schema registry, so entries never
 * expire. Latest-version and compatibility questions are not cached: their answers change over time.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final Map<SubjectSchema, Integer> registeredIds = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> lookedUpIds = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public CachingSchemaRegistryClient(final SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return registeredIds.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            final int id = delegate.register(subject, schema);
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer registered = registeredIds.get(key);
        if (registered != null) {
            return registered;
        }
        return lookedUpIds.computeIfAbsent(key, k -> {
            final int id = delegate.idOf(subject, schema);
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(final int id) {
        return schemasById.computeIfAbsent(id, delegate::schemaById);
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        return delegate.latest(subject);
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}
