package org.orderpool.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format bytes into a SpecificRecord: the writer schema comes from the registry
 * by the id in the header (once per id), and Avro schema resolution maps it onto the class's own
 * schema, so a reader built against a newer compatible schema reads older records. Every failure is a
 * {@link SerializationException} that names the topic and says what was wrong.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final SchemaRegistryClient registry;
    private final Class<T> type;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();

    public SpecificAvroDeserializer(final SchemaRegistryClient registry, final Class<T> type) {
        AvroClassTrust.trustPackageOf(type);
        this.registry = registry;
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        final int schemaId = AvroWireFormat.schemaId(topic, data);
        final SpecificDatumReader<T> reader = readersBySchemaId.computeIfAbsent(schemaId, id -> readerFor(topic, id));
        try {
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, AvroWireFormat.HEADER_LENGTH,
                    data.length - AvroWireFormat.HEADER_LENGTH, null);
            final T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Record on topic '" + topic + "' has bytes left over after the "
                        + type.getSimpleName() + " written with schema id " + schemaId + ": the body does not match its schema");
            }
            return record;
        } catch (final IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new SerializationException("Record on topic '" + topic + "' has a header naming schema id " + schemaId
                    + " but its Avro body cannot be decoded as " + type.getName() + ": " + e, e);
        }
    }

    private SpecificDatumReader<T> readerFor(final String topic, final int schemaId) {
        final Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (final SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerializationException("Record on topic '" + topic + "' names schema id " + schemaId
                        + ", which the " + registry.describe() + " does not know", e);
            }
            throw new SerializationException("Could not fetch schema id " + schemaId + " for a record on topic '"
                    + topic + "': " + e.getMessage(), e);
        }
        try {
            return new SpecificDatumReader<>(writerSchema, readerSchema, model);
        } catch (final AvroRuntimeException e) {
            throw new SerializationException("Record on topic '" + topic + "' was written with schema id " + schemaId
                    + " (" + writerSchema.getFullName() + "), which cannot be read as " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
