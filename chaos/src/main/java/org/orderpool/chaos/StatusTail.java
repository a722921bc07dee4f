package org.orderpool.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.KafkaPlatform;

/**
 * Follows {@code orders.status} (committed records only) while a run goes on: each order's history,
 * and a call when an order is first held for review, which is how ops in the run learn of it.
 */
final class StatusTail implements AutoCloseable {

    private final Map<String, List<OrderStatus>> histories = new ConcurrentHashMap<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<OrderStatusChange> values;
    private final String topic;
    private final Thread thread;
    private volatile Consumer<String> onHeld = orderId -> { };
    private volatile boolean running = true;

    StatusTail(final KafkaPlatform platform, final BoundTopics topics) {
        final Map<String, Object> settings = new HashMap<>(platform.clientSettings());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.values = topics.valueSerde(Topics.ORDERS_STATUS).deserializer();
        this.topic = topics.name(Topics.ORDERS_STATUS);
        this.thread = new Thread(this::follow, "chaos-status-tail");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void onHeld(final Consumer<String> action) {
        this.onHeld = action;
    }

    boolean allTerminal(final Collection<String> orderIds) {
        return orderIds.stream().allMatch(id -> histories.getOrDefault(id, List.of()).stream().anyMatch(InvariantChecker.TERMINAL::contains));
    }

    /** How the orders ended (their last status; still open ones under theirs). */
    Map<OrderStatus, Long> outcomes(final Collection<String> orderIds) {
        final Map<OrderStatus, Long> outcomes = new EnumMap<>(OrderStatus.class);
        for (final String orderId : orderIds) {
            final List<OrderStatus> history = histories.getOrDefault(orderId, List.of());
            if (!history.isEmpty()) {
                outcomes.merge(history.get(history.size() - 1), 1L, Long::sum);
            }
        }
        return outcomes;
    }

    private void follow() {
        try {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    final OrderStatusChange change = values.deserialize(record.topic(), record.value());
                    final List<OrderStatus> history = histories.computeIfAbsent(change.getOrderId(), id -> new ArrayList<>());
                    synchronized (history) {
                        history.add(change.getStatus());
                    }
                    if (change.getStatus() == OrderStatus.IN_REVIEW) {
                        onHeld.accept(change.getOrderId());
                    }
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
