package org.orderpool.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.infra.EmbeddedKafkaBroker;

/** Writing and counting records the way the single-service benchmarks do. */
final class BenchmarkKafka {

    private BenchmarkKafka() {
    }

    static <K, V> void send(final KafkaProducer<byte[], byte[]> producer, final BoundTopics topics, final Topic<K, V> topic,
                                    final K key, final V value) {
        final String name = topics.name(topic);
        producer.send(new ProducerRecord<>(name, topics.keySerde(topic).serializer().serialize(name, key),
                topics.valueSerde(topic).serializer().serialize(name, value)));
    }

    /** A cleared order as fraud-check writes it: one with one SKU to that SKU's partition, with the header naming it. */
    static void sendCleared(final KafkaProducer<byte[], byte[]> producer, final BoundTopics topics, final ClearedOrder cleared) {
        final Optional<String> sku = ClearedOrderPartitions.onlySkuOf(cleared.getOrder());
        if (sku.isEmpty()) {
            send(producer, topics, Topics.ORDERS_CLEARED, cleared.getOrder().getOrderId(), cleared);
            return;
        }
        final String name = topics.name(Topics.ORDERS_CLEARED);
        producer.send(new ProducerRecord<>(name, Topics.partitionOf(sku.get(), Topics.ORDERS_CLEARED.partitions()), null,
                topics.keySerde(Topics.ORDERS_CLEARED).serializer().serialize(name, cleared.getOrder().getOrderId()),
                topics.valueSerde(Topics.ORDERS_CLEARED).serializer().serialize(name, cleared), ClearedOrderPartitions.atSku(sku.get())));
    }

    static int countUntil(final EmbeddedKafkaBroker broker, final String topic, final int expected, final Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.GROUP_ID_CONFIG, topic + "-counter",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int seen = 0;
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (seen < expected && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
            return seen;
        }
    }
}
