package org.orderpool.dashboard.actions;

import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;

/**
 * Where the console's actions go: the records of one action, written all or none (one Kafka
 * transaction), returning once they are committed. {@link KafkaConsoleRecords} in production.
 */
public interface ConsoleRecords extends AutoCloseable {

    /** @throws NotWritten when the records could not be written; then none of them was */
    void write(List<ProducerRecord<byte[], byte[]>> records);

    /** The action's records could not be written (the brokers are unreachable, say); none of them was. */
    final class NotWritten extends RuntimeException {
        public NotWritten(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    default void close() {
    }

    /** One record of the contract, encoded as the catalogue says (a null value is a tombstone). */
    static <K, V> ProducerRecord<byte[], byte[]> record(final BoundTopics topics, final Topic<K, V> topic, final K key, final V value) {
        final String name = topics.name(topic);
        return new ProducerRecord<>(name, topics.keySerde(topic).serializer().serialize(name, key),
                value == null ? null : topics.valueSerde(topic).serializer().serialize(name, value));
    }
}
