package org.orderpool.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A schema registry in memory, behind the same client interface as the HTTP one, for
 * TopologyTestDriver tests. Behaves like Confluent's default: ids are global and stable, registering
 * an existing schema returns its id, and a new version must be BACKWARD compatible with the latest
 * (readers of the new schema can read data written with the previous one), otherwise 409.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<String, Integer> idsBySchemaText = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        final List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        final Integer existing = idsBySchemaText.get(schema.toString());
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        if (!versions.isEmpty() && !isBackwardCompatible(schema, schemasById.get(versions.get(versions.size() - 1)))) {
            throw new SchemaRegistryException("Schema being registered is incompatible with the latest version of subject '"
                    + subject + "' (BACKWARD)", 409, SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        }
        final int id = existing != null ? existing : schemasById.size() + 1;
        idsBySchemaText.put(schema.toString(), id);
        schemasById.put(id, schema);
        versions.add(id);
        return id;
    }

    @Override
    public synchronized int idOf(final String subject, final Schema schema) {
        final Integer id = idsBySchemaText.get(schema.toString());
        if (id == null || !versionsBySubject.getOrDefault(subject, List.of()).contains(id)) {
            throw new SchemaRegistryException("Schema not found under subject '" + subject + "'", 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return id;
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        final Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(final String subject) {
        final List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found", 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        final int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(subject, id, versions.size(), schemasById.get(id));
    }

    @Override
    public synchronized boolean isCompatible(final String subject, final Schema schema) {
        final List<Integer> versions = versionsBySubject.get(subject);
        return versions == null || versions.isEmpty()
                || isBackwardCompatible(schema, schemasById.get(versions.get(versions.size() - 1)));
    }

    @Override
    public String describe() {
        return "in-memory schema registry";
    }

    private static boolean isBackwardCompatible(final Schema reader, final Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }
}
