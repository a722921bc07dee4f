package org.orderpool.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;

/**
 * Follows {@code orders.status} from the beginning, committed records only, on a thread of its own,
 * and hands each status change to a listener with the moment ({@link System#nanoTime()}) it became
 * visible: what a shop following its orders would see, and when. Used by the chaos run and the
 * pipeline benchmark.
 */
public final class StatusFollower implements AutoCloseable {

    /** Called on the follower's thread for every status change, in partition order. */
    @FunctionalInterface
    public interface Listener {
        void onStatus(OrderStatusChange change, long seenAtNanos);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<OrderStatusChange> values;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;

    public StatusFollower(final KafkaPlatform platform, final BoundTopics topics, final Listener listener) {
        final Map<String, Object> settings = new HashMap<>(platform.clientSettings());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A status is noted as soon as it is committed, not when a long poll happens to return.
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.values = topics.valueSerde(Topics.ORDERS_STATUS).deserializer();
        this.listener = listener;
        final String topic = topics.name(Topics.ORDERS_STATUS);
        final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::follow, "status-follower");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void follow() {
        try {
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    final long seenAt = System.nanoTime();
                    listener.onStatus(values.deserialize(record.topic(), record.value()), seenAt);
                }
            }
        } catch (final WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
