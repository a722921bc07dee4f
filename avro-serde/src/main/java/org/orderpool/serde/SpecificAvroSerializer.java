package org.orderpool.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a SpecificRecord in the Confluent wire format. The schema id is resolved once per topic
 * (registered when auto-registration is on, looked up when it is off, as in production where the
 * schemas are registered by the deployment) and then served from memory.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final boolean autoRegister;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, Integer> schemaIdByTopic = new ConcurrentHashMap<>();
    private final org.apache.avro.Schema schema;

    public SpecificAvroSerializer(final SchemaRegistryClient registry, final Class<T> type, final boolean isKey,
                                  final boolean autoRegister) {
        this.registry = registry;
        this.isKey = isKey;
        this.autoRegister = autoRegister;
        final SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        final int schemaId = schemaIdByTopic.computeIfAbsent(topic, this::resolveSchemaId);
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            final ByteBuffer header = ByteBuffer.allocate(AvroWireFormat.HEADER_LENGTH);
            AvroWireFormat.writeHeader(header, schemaId);
            out.write(header.array());
            final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Could not serialize " + schema.getFullName() + " for topic '" + topic
                    + "': " + e.getMessage(), e);
        }
    }

    private int resolveSchemaId(final String topic) {
        final String subject = SubjectNames.forTopic(topic, isKey);
        try {
            return autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        } catch (final SchemaRegistryException e) {
            if (!autoRegister && e.isNotFound()) {
                throw new SerializationException("Schema " + schema.getFullName() + " is not registered under subject '"
                        + subject + "' in the " + registry.describe()
                        + ", and auto-registration is off: register the schema before producing", e);
            }
            throw new SerializationException("Could not resolve the schema id of " + schema.getFullName()
                    + " for subject '" + subject + "': " + e.getMessage(), e);
        }
    }
}
