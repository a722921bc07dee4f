package org.orderpool.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.dashboard.shops.ShopDeliveryPanel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the topics ops watch from their beginning (committed transactions only) into the
 * {@link PipelineView}, on one thread, without a consumer group: every dashboard instance sees every
 * record, and a restarted dashboard rebuilds its view from the topics.
 */
public final class TopicFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    private static final List<Topic<byte[], byte[]>> DEAD_LETTERS = List.of(Topics.ORDER_INTAKE_DLQ, Topics.FRAUD_CHECK_DLQ,
            Topics.STOCK_RESERVATION_DLQ, Topics.SHIPPING_SCHEDULER_DLQ, Topics.CARRIER_SINK_DLQ, Topics.SHOP_SYNC_DLQ);

    private final BoundTopics topics;
    private final PipelineView view;
    private final ShopDeliveryPanel shops;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param kafkaClient how to connect: bootstrap servers and, on a secured cluster, the dashboard's login */
    public TopicFeed(final Map<String, Object> kafkaClient, final BoundTopics topics, final PipelineView view,
                     final ShopDeliveryPanel shops) {
        this.topics = topics;
        this.view = view;
        this.shops = shops;
        final Map<String, Object> settings = new HashMap<>(kafkaClient);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG); // partitions are assigned, not subscribed: no group
        settings.putAll(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "ops-dashboard-feed"));
        this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ops-dashboard-feed");
        this.thread.setDaemon(true);
    }

    public TopicFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final Topic<?, ?> topic : watched()) {
                consumer.partitionsFor(topics.name(topic), Duration.ofSeconds(30))
                        .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        apply(record);
                    } catch (final RuntimeException e) {
                        LOG.warn("Skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                    }
                }
            }
        } catch (final WakeupException e) {
            // closing
        } catch (final RuntimeException e) {
            LOG.error("The dashboard's topic feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    private List<Topic<?, ?>> watched() {
        final List<Topic<?, ?>> watched = new ArrayList<>(List.of(Topics.ORDERS_STATUS, Topics.FRAUD_ASSESSMENTS, Topics.STOCK_LEVELS,
                Topics.SHIPPING_CARRIER_CALENDARS, Topics.SHIPPING_PARCELS, Topics.SHIPPING_MANIFESTS, Topics.ORDERS_REJECTED, Topics.OPS_AUDIT, Topics.FRAUD_LISTS, Topics.ORDERS_RESERVED,
                Topics.SHOP_SYNC_DELIVERY_STATE));
        watched.addAll(DEAD_LETTERS);
        return watched;
    }

    private void apply(final ConsumerRecord<byte[], byte[]> record) {
        final String topic = record.topic();
        if (is(topic, Topics.ORDERS_STATUS)) {
            view.onStatus(decode(Topics.ORDERS_STATUS, record));
        } else if (is(topic, Topics.FRAUD_ASSESSMENTS)) {
            view.onAssessment(decode(Topics.FRAUD_ASSESSMENTS, record));
        } else if (is(topic, Topics.STOCK_LEVELS)) {
            view.onStockLevel(decode(Topics.STOCK_LEVELS, record));
        } else if (is(topic, Topics.SHIPPING_CARRIER_CALENDARS)) {
            view.onCalendar(topics.keySerde(Topics.SHIPPING_CARRIER_CALENDARS).deserializer().deserialize(topic, record.key()),
                    record.value() == null ? null : decode(Topics.SHIPPING_CARRIER_CALENDARS, record));
        } else if (is(topic, Topics.SHIPPING_PARCELS)) {
            view.onParcel(decode(Topics.SHIPPING_PARCELS, record));
        } else if (is(topic, Topics.SHIPPING_MANIFESTS)) {
            view.onManifest(decode(Topics.SHIPPING_MANIFESTS, record));
        } else if (is(topic, Topics.ORDERS_REJECTED)) {
            view.onRejection(decode(Topics.ORDERS_REJECTED, record));
        } else if (is(topic, Topics.ORDERS_RESERVED)) {
            view.onReservedOrder(decode(Topics.ORDERS_RESERVED, record));
        } else if (is(topic, Topics.FRAUD_LISTS)) {
            view.onFraudListEntry(topics.keySerde(Topics.FRAUD_LISTS).deserializer().deserialize(topic, record.key()),
                    record.value() == null ? null : decode(Topics.FRAUD_LISTS, record));
        } else if (is(topic, Topics.OPS_AUDIT)) {
            view.onAudit(decode(Topics.OPS_AUDIT, record));
        } else if (is(topic, Topics.SHOP_SYNC_DELIVERY_STATE)) {
            shops.onState(record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), record.value() == null ? null : decode(Topics.SHOP_SYNC_DELIVERY_STATE, record));
        } else {
            view.onDeadLetter(new PipelineView.DeadLetter(topic, record.partition(), record.offset(), text(record.key()), error(record), text(record.value()),
                    record.timestamp()));
        }
    }

    private boolean is(final String name, final Topic<?, ?> topic) {
        return name.equals(topics.name(topic));
    }

    private <V> V decode(final Topic<?, V> topic, final ConsumerRecord<byte[], byte[]> record) {
        return topics.valueSerde(topic).deserializer().deserialize(record.topic(), record.value());
    }

    /**
     * The error a dead letter carries: Kafka Streams' and Spring Kafka's dead-letter headers say it in different
     * names. A re-driven record that failed again carries every failure's message, oldest first.
     */
    public static String error(final ConsumerRecord<byte[], byte[]> record) {
        final List<String> messages = new ArrayList<>();
        String exception = null;
        for (final Header header : record.headers()) {
            final String name = header.key().toLowerCase(Locale.ROOT);
            if (name.contains("message") && header.value() != null) {
                messages.add(new String(header.value(), StandardCharsets.UTF_8));
            } else if (name.contains("exception") && !name.contains("stacktrace") && header.value() != null && exception == null) {
                exception = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        if (!messages.isEmpty()) {
            return String.join(" | then: ", messages);
        }
        return exception == null ? "(no error header)" : exception;
    }

    private static String text(final byte[] bytes) {
        if (bytes == null) {
            return "";
        }
        final String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "·");
        return bytes.length > 200 ? text + "..." : text;
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
