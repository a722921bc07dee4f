package org.orderpool.contracts.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.client.KafkaClientSettings;
import org.orderpool.contracts.client.KafkaDurability;

/**
 * Writes records of the contract from outside a topology (tools, the simulator, the dashboard's
 * decisions): the catalogue's encodings through {@link BoundTopics}, a producer with the pool's
 * durability settings ({@link KafkaDurability#producer()}: idempotent, {@code acks=all}, retried through
 * a broker's failure), and each send waited for, so a caller knows the brokers have the record.
 */
public final class ContractProducer implements AutoCloseable {

    /** A send fails at the delivery timeout; waiting a little longer hears that failure rather than a guess. */
    private static final Duration TIMEOUT = KafkaDurability.DELIVERY_TIMEOUT.plusSeconds(5);

    private final BoundTopics topics;
    private final KafkaProducer<byte[], byte[]> producer;

    public ContractProducer(final String bootstrapServers, final BoundTopics topics) {
        this(KafkaClientSettings.plaintext(bootstrapServers), topics);
    }

    /** @param kafkaClient how to connect: bootstrap servers and, on a secured cluster, the login */
    public ContractProducer(final Map<String, Object> kafkaClient, final BoundTopics topics) {
        this.topics = topics;
        final Map<String, Object> settings = new HashMap<>(kafkaClient);
        settings.putAll(KafkaDurability.producer());
        this.producer = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record and returns once the broker has it. */
    public <K, V> void send(final Topic<K, V> topic, final K key, final V value) {
        send(topic, key, value, null);
    }

    /**
     * Sends one record stamped with the given record timestamp (its CreateTime; {@code null} for the
     * producer's clock), as a producer outside the pool may choose it, and returns once the broker has it.
     */
    public <K, V> void send(final Topic<K, V> topic, final K key, final V value, final Instant timestamp) {
        final String name = topics.name(topic);
        try {
            producer.send(new ProducerRecord<>(name, null, timestamp == null ? null : timestamp.toEpochMilli(),
                    topics.keySerde(topic).serializer().serialize(name, key), topics.valueSerde(topic).serializer().serialize(name, value)))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + name, e);
        } catch (final Exception e) {
            throw new IllegalStateException("could not write to " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
