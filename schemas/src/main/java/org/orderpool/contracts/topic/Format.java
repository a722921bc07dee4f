package org.orderpool.contracts.topic;

import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.orderpool.serde.AvroSerdes;

/**
 * How a topic's keys or values are encoded: a plain UTF-8 string (entity ids), an Avro record in the
 * Confluent wire format, or raw bytes (dead-letter queues keep the original bytes untouched).
 */
public sealed interface Format<T> {

    Serde<T> serde(AvroSerdes avroSerdes, boolean isKey);

    /** The Avro schema registered for this format, when it is an Avro record. */
    Optional<Schema> avroSchema();

    static Format<String> string() {
        return StringFormat.INSTANCE;
    }

    static Format<byte[]> bytes() {
        return BytesFormat.INSTANCE;
    }

    static <T extends SpecificRecord> Format<T> avro(final Class<T> type) {
        return new AvroFormat<>(type);
    }

    /** UTF-8 string. */
    enum StringFormat implements Format<String> {
        INSTANCE;

        @Override
        public Serde<String> serde(final AvroSerdes avroSerdes, final boolean isKey) {
            return Serdes.String();
        }

        @Override
        public Optional<Schema> avroSchema() {
            return Optional.empty();
        }
    }

    /** Raw bytes, passed through untouched. */
    enum BytesFormat implements Format<byte[]> {
        INSTANCE;

        @Override
        public Serde<byte[]> serde(final AvroSerdes avroSerdes, final boolean isKey) {
            return Serdes.ByteArray();
        }

        @Override
        public Optional<Schema> avroSchema() {
            return Optional.empty();
        }
    }

    /** An Avro SpecificRecord class in the Confluent wire format. */
    record AvroFormat<T extends SpecificRecord>(Class<T> type) implements Format<T> {

        @Override
        public Serde<T> serde(final AvroSerdes avroSerdes, final boolean isKey) {
            return isKey ? avroSerdes.keySerde(type) : avroSerdes.valueSerde(type);
        }

        @Override
        public Optional<Schema> avroSchema() {
            return Optional.of(SpecificData.getForClass(type).getSchema(type));
        }
    }
}
