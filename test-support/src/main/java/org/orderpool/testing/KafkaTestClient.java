package org.orderpool.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.serde.AvroSerdes;

/**
 * Kafka clients for integration tests: creates topics, writes records through the contract's serdes,
 * and reads a topic from the beginning with bounded polling. A record that cannot be deserialised is
 * reported as a {@link DeserializationFailure} and skipped, the way a well-behaved reader does.
 */
public final class KafkaTestClient implements AutoCloseable {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final KafkaPlatform platform;
    private final AvroSerdes serdes;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaTestClient(final KafkaPlatform platform) {
        this.platform = platform;
        this.serdes = AvroSerdes.forRegistryUrl(platform.schemaRegistryUrl(), true);
        this.admin = Admin.create(platform.clientSettings());
        final Map<String, Object> producerSettings = new HashMap<>(platform.clientSettings());
        producerSettings.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0));
        this.producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A topic-name prefix no other test in this JVM uses, for example {@code t7-roundtrip.}. */
    public static String uniquePrefix(final String label) {
        return "t" + PREFIXES.incrementAndGet() + "-" + label + ".";
    }

    /**
     * A Kafka Streams state directory for this test JVM only: state left by an earlier run (against
     * another broker) would otherwise be restored into the next one.
     */
    public static java.nio.file.Path stateDir(final String name) {
        return RealKafkaExtension.workDir().resolve("state").resolve(name);
    }

    public AvroSerdes serdes() {
        return serdes;
    }

    public KafkaPlatform platform() {
        return platform;
    }

    public void createTopics(final Collection<? extends Topic<?, ?>> topics) {
        try {
            admin.createTopics(topics.stream().map(topic -> topic.newTopic((short) 1)).toList()).all().get(60, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException("Could not create topics " + topics + ": " + e.getMessage(), e);
        }
    }

    /** Writes one record through the topic's serdes and waits for the broker's acknowledgement. */
    public <K, V> void send(final Topic<K, V> topic, final K key, final V value) {
        send(topic, key, value, null);
    }

    /** Writes one record stamped with a record timestamp of the sender's choosing ({@code null}: the producer's clock). */
    public <K, V> void send(final Topic<K, V> topic, final K key, final V value, final Instant timestamp) {
        sendRaw(topic.name(), topic.keySerde(serdes).serializer().serialize(topic.name(), key),
                topic.valueSerde(serdes).serializer().serialize(topic.name(), value), timestamp);
    }

    /** Writes one record to the partition of the sender's choosing, not the one its key hashes to. */
    public <K, V> void sendToPartition(final Topic<K, V> topic, final int partition, final K key, final V value) {
        sendRaw(topic.name(), partition, topic.keySerde(serdes).serializer().serialize(topic.name(), key),
                topic.valueSerde(serdes).serializer().serialize(topic.name(), value), null);
    }

    /** Writes one record with headers to the partition of the sender's choosing. */
    public <K, V> void sendToPartition(final Topic<K, V> topic, final int partition, final K key, final V value,
                                       final org.apache.kafka.common.header.Headers headers) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), partition, null, topic.keySerde(serdes).serializer().serialize(topic.name(), key),
                    topic.valueSerde(serdes).serializer().serialize(topic.name(), value), headers)).get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException("Could not write to " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    /** Writes bytes as they are, for records that are deliberately not in the contract's format. */
    public void sendRaw(final String topic, final byte[] key, final byte[] value) {
        sendRaw(topic, key, value, null);
    }

    private void sendRaw(final String topic, final byte[] key, final byte[] value, final Instant timestamp) {
        sendRaw(topic, null, key, value, timestamp);
    }

    private void sendRaw(final String topic, final Integer partition, final byte[] key, final byte[] value, final Instant timestamp) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, timestamp == null ? null : timestamp.toEpochMilli(), key, value))
                    .get(30, TimeUnit.SECONDS);
        } catch (final Exception e) {
            throw new IllegalStateException("Could not write to " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the topic from the beginning until {@code expected} records (good or undecodable) have
     * been seen, or the timeout passes; then returns what was read.
     */
    public <K, V> Contents<K, V> read(final Topic<K, V> topic, final int expected, final Duration timeout) {
        return readUntil(topic, contents -> contents.records().size() + contents.failures().size() >= expected, timeout);
    }

    /**
     * Reads the topic from the beginning until what was read satisfies {@code done}, or the timeout
     * passes; then returns what was read (the caller's assertions say what was missing).
     */
    public <K, V> Contents<K, V> readUntil(final Topic<K, V> topic, final Predicate<Contents<K, V>> done, final Duration timeout) {
        final Map<String, Object> config = consumerSettings(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        final List<ConsumerRecord<K, V>> records = new ArrayList<>();
        final List<DeserializationFailure> failures = new ArrayList<>();
        final Contents<K, V> contents = new Contents<>(records, failures);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config,
                topic.keySerde(serdes).deserializer(), topic.valueSerde(serdes).deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(contents) && System.nanoTime() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                } catch (final RecordDeserializationException e) {
                    failures.add(new DeserializationFailure(e.topicPartition(), e.offset(), e.getMessage(),
                            e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        return contents;
    }

    /**
     * Reads every committed record of the topic, up to its end as it is now (the last stable offset of
     * each partition), however many there are: for checks over a whole topic.
     */
    public List<ConsumerRecord<byte[], byte[]>> readRawToEnd(final String topic) {
        return readRawToEnd(List.of(topic)).get(topic);
    }

    /**
     * Like {@link #readRawToEnd(String)} for several topics with one consumer (a whole run's topics are read
     * in seconds, not a consumer's start per topic): each topic's records, in its partitions' order.
     */
    public Map<String, List<ConsumerRecord<byte[], byte[]>>> readRawToEnd(final Collection<String> topics) {
        final Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        topics.forEach(topic -> records.put(topic, new ArrayList<>()));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(info -> partitions.add(
                        new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to their end within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> records.get(record.topic()).add(record));
            }
        }
        return records;
    }

    /** Like {@link #readRawToEnd(String)}, decoded with the topic's serdes. */
    public <K, V> List<ConsumerRecord<K, V>> readToEnd(final Topic<K, V> topic) {
        final Deserializer<K> keys = topic.keySerde(serdes).deserializer();
        final Deserializer<V> values = topic.valueSerde(serdes).deserializer();
        // timestamps and headers kept, for the tests that look at them
        return readRawToEnd(topic.name()).stream().map(record -> new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.timestampType(), record.serializedKeySize(), record.serializedValueSize(),
                keys.deserialize(record.topic(), record.key()), values.deserialize(record.topic(), record.value()), record.headers(),
                record.leaderEpoch())).toList();
    }

    private Map<String, Object> consumerSettings(final Map<String, Object> settings) {
        final Map<String, Object> all = new HashMap<>(platform.clientSettings());
        all.putAll(settings);
        return all;
    }

    /** Reads raw bytes, for dead-letter topics and checks on the wire format. */
    public List<ConsumerRecord<byte[], byte[]>> readRaw(final String topic, final int expected, final Duration timeout) {
        final Map<String, Object> config = consumerSettings(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Waits until the consumer group (a Kafka Streams application id) has committed everything on the
     * topic, that is until the application has processed every record written to it so far.
     */
    public void awaitConsumed(final String groupId, final String topic, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        try {
            final List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            final Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            final Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
            while (System.nanoTime() < deadline) {
                final Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                if (ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()))) {
                    return;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (final Exception e) {
            throw new IllegalStateException("Could not follow the progress of " + groupId + " on " + topic + ": " + e.getMessage(), e);
        }
        throw new AssertionError(groupId + " did not process everything on " + topic + " within " + timeout.toSeconds() + " s");
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        admin.close(Duration.ofSeconds(10));
    }

    /** What a read returned: the records that decoded, and the ones that did not. */
    public record Contents<K, V>(List<ConsumerRecord<K, V>> records, List<DeserializationFailure> failures) {

        public List<V> values() {
            return records.stream().map(ConsumerRecord::value).toList();
        }

        /** The values whose key is {@code key}. */
        public List<V> valuesFor(final K key) {
            return records.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
        }
    }

    /** A record the reader could not decode: where it is and what the deserializer said. */
    public record DeserializationFailure(TopicPartition partition, long offset, String message, String cause) {
    }
}
