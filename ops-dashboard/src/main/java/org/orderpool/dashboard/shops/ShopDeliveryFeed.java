package org.orderpool.dashboard.shops;

import java.nio.charset.StandardCharsets;
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
import org.orderpool.contracts.ShopDeliveryState;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads shop-sync.delivery-state from its beginning (committed transactions only, no consumer group, like the
 * dashboard's other feed) into the {@link ShopDeliveryPanel}, on a thread of its own.
 */
public final class ShopDeliveryFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShopDeliveryFeed.class);

    private final BoundTopics topics;
    private final ShopDeliveryPanel panel;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param kafkaClient how to connect: bootstrap servers and, on a secured cluster, the dashboard's login */
    public ShopDeliveryFeed(final Map<String, Object> kafkaClient, final BoundTopics topics, final ShopDeliveryPanel panel) {
        this.topics = topics;
        this.panel = panel;
        final Map<String, Object> settings = new HashMap<>(kafkaClient);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.putAll(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "ops-dashboard-shop-deliveries"));
        this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ops-dashboard-shop-deliveries");
        this.thread.setDaemon(true);
    }

    public ShopDeliveryFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        final String topic = topics.name(Topics.SHOP_SYNC_DELIVERY_STATE);
        try {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        final ShopDeliveryState state = record.value() == null ? null
                                : topics.valueSerde(Topics.SHOP_SYNC_DELIVERY_STATE).deserializer().deserialize(topic, record.value());
                        panel.onState(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), state);
                    } catch (final RuntimeException e) {
                        LOG.warn("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        } catch (final WakeupException e) {
            // closing
        } catch (final RuntimeException e) {
            LOG.error("The dashboard's feed of shop-sync.delivery-state stopped", e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
