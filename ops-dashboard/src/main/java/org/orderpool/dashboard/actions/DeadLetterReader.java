package org.orderpool.dashboard.actions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one dead letter, by topic, partition and offset, when ops open it: the console's view keeps
 * only a preview of each, so the original bytes are never held in memory for long.
 */
public class DeadLetterReader {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Map<String, Object> settings;

    public DeadLetterReader(final Map<String, Object> kafkaClient) {
        settings = new HashMap<>(kafkaClient);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-dashboard-dead-letters");
    }

    public Optional<ConsumerRecord<byte[], byte[]>> read(final String topic, final int partition, final long offset) {
        final TopicPartition where = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(where));
            final Long end = consumer.endOffsets(List.of(where), PATIENCE).get(where);
            if (end == null || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(where, offset);
            final Instant until = Instant.now().plus(PATIENCE);
            while (Instant.now().isBefore(until)) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty(); // deleted by retention, or a transaction marker
                    }
                }
            }
            return Optional.empty();
        }
    }
}
