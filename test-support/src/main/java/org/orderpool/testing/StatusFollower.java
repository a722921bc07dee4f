package org.orderpool.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code orders.status} from the beginning, committed records only, on a thread of its own,
 * and hands each status change to a listener with the moment ({@link System#nanoTime()}) it became
 * visible: what a shop following its orders would see, and when. Used by the chaos run and the
 * pipeline benchmark. A follower that stops on an error (a record it cannot decode, a listener that
 * throws) keeps the error and logs it; {@link #throwIfFailed()} and {@link #close()} throw it to the
 * test waiting on the statuses, which would otherwise wait for statuses that never come.
 */
public final class StatusFollower implements AutoCloseable {

    /** Called on the follower's thread for every status change, in partition order. */
    @FunctionalInterface
    public interface Listener {
        void onStatus(OrderStatusChange change, long seenAtNanos);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StatusFollower.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<OrderStatusChange> values;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile String lastRecord;

    public StatusFollower(final KafkaPlatform platform, final BoundTopics topics, final Listener listener) {
        this(consumer(platform), topics.name(Topics.ORDERS_STATUS), topics.valueSerde(Topics.ORDERS_STATUS).deserializer(), listener);
    }

    /** Follows {@code topic} with the given consumer (its own from here on: closed when the follower ends). */
    StatusFollower(final Consumer<byte[], byte[]> consumer, final String topic, final Deserializer<OrderStatusChange> values,
                   final Listener listener) {
        this.consumer = consumer;
        this.values = values;
        this.listener = listener;
        final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::follow, "status-follower");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private static KafkaConsumer<byte[], byte[]> consumer(final KafkaPlatform platform) {
        final Map<String, Object> settings = new HashMap<>(platform.clientSettings());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A status is noted as soon as it is committed, not when a long poll happens to return.
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Throws if the follower stopped on an error (a record it could not decode, a listener that threw, a
     * consumer that failed): whoever waits for statuses calls it while waiting, so a dead follower fails
     * the wait at once with its cause instead of letting it run into its timeout.
     */
    public void throwIfFailed() {
        final Throwable cause = failure;
        if (cause != null) {
            throw new IllegalStateException("the status follower stopped following " + describe() + ": " + cause, cause);
        }
    }

    private void follow() {
        ConsumerRecord<byte[], byte[]> current = null;
        try {
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    current = record;
                    final long seenAt = System.nanoTime();
                    listener.onStatus(values.deserialize(record.topic(), record.value()), seenAt);
                }
            }
        } catch (final WakeupException stopping) {
            // closed
        } catch (final RuntimeException | Error e) {
            lastRecord = current == null ? null : current.topic() + "-" + current.partition() + "@" + current.offset();
            failure = e;
            LOG.error("The status follower stopped following {}", describe(), e);
        } finally {
            consumer.close();
        }
    }

    private String describe() {
        return lastRecord == null ? "orders.status" : "orders.status at " + lastRecord;
    }

    /** Stops following; throws, as {@link #throwIfFailed()}, if the follower had stopped on an error before. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throwIfFailed();
    }
}
