package org.orderpool.dashboard.actions;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.client.KafkaDurability;

/**
 * Writes each action's records in one Kafka transaction (the action's record and its audit record
 * together, or neither), with the pool's durability settings. One transactional id per console
 * process, {@code <prefix>ops-dashboard-<random>}: instances never fence each other, and a crashed
 * one's open transaction is aborted after {@link KafkaDurability#TRANSACTION_TIMEOUT}.
 */
public final class KafkaConsoleRecords implements ConsoleRecords {

    /** What the console's transactional ids start with, after the deployment's topic prefix (AccessControl grants it). */
    public static final String TRANSACTIONAL_ID_PREFIX = "ops-dashboard";

    private final Map<String, Object> settings;
    private KafkaProducer<byte[], byte[]> producer;

    public KafkaConsoleRecords(final Map<String, Object> kafkaClient, final String topicPrefix) {
        settings = new HashMap<>(kafkaClient);
        settings.putAll(KafkaDurability.producer());
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, (topicPrefix == null ? "" : topicPrefix) + TRANSACTIONAL_ID_PREFIX + "-"
                + UUID.randomUUID());
        settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) KafkaDurability.TRANSACTION_TIMEOUT.toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "ops-dashboard-actions");
    }

    @Override
    public synchronized void write(final List<ProducerRecord<byte[], byte[]>> records) {
        final KafkaProducer<byte[], byte[]> open = producer();
        try {
            open.beginTransaction();
            for (final ProducerRecord<byte[], byte[]> record : records) {
                open.send(record);
            }
            open.commitTransaction();
        } catch (final ProducerFencedException e) {
            discard();
            throw new NotWritten("the console's producer was fenced; nothing was written: try again", e);
        } catch (final KafkaException e) {
            try {
                open.abortTransaction();
            } catch (final KafkaException abortFailed) {
                discard();
            }
            throw new NotWritten("could not write to " + records.stream().map(ProducerRecord::topic).distinct().toList()
                    + "; nothing was written: " + e.getMessage(), e);
        }
    }

    /** The producer, made and registered with the transaction coordinator at the first action (not at start-up, so a console starts without a broker). */
    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            final KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
            try {
                created.initTransactions();
            } catch (final KafkaException e) {
                created.close(Duration.ZERO);
                throw new NotWritten("the console cannot write to Kafka now: " + e.getMessage(), e);
            }
            producer = created;
        }
        return producer;
    }

    private void discard() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
