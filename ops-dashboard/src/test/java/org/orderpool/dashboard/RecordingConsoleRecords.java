package org.orderpool.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.dashboard.actions.ConsoleRecords;

/** The console's writes kept in memory, for tests of the HTTP face; the Kafka writer has its own real-broker test. */
public final class RecordingConsoleRecords implements ConsoleRecords {

    private final List<List<ProducerRecord<byte[], byte[]>>> transactions = new ArrayList<>();

    @Override
    public synchronized void write(final List<ProducerRecord<byte[], byte[]>> records) {
        transactions.add(List.copyOf(records));
    }

    public synchronized List<List<ProducerRecord<byte[], byte[]>>> transactions() {
        return List.copyOf(transactions);
    }

    /** The values written to one topic, decoded, oldest first. */
    public synchronized <K, V> List<V> values(final BoundTopics topics, final Topic<K, V> topic) {
        final String name = topics.name(topic);
        return transactions.stream().flatMap(List::stream).filter(r -> r.topic().equals(name))
                .map(r -> r.value() == null ? null : topics.valueSerde(topic).deserializer().deserialize(name, r.value())).toList();
    }

    public synchronized void clear() {
        transactions.clear();
    }
}
