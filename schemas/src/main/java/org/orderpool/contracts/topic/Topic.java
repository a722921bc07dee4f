package org.orderpool.contracts.topic;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.orderpool.contracts.client.KafkaDurability;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.SubjectNames;

/**
 * One topic of the public contract: its name, the encoding of its keys and values, and the settings it
 * is created with. Call sites never spell a topic name or pick a serde; they ask the topic.
 *
 * @param partitions the partition count; topics joined with each other share it (see {@link Topics})
 * @param configs    topic-level settings such as {@code cleanup.policy}
 */
public record Topic<K, V>(String name, Format<K> key, Format<V> value, int partitions, Map<String, String> configs) {

    public Serde<K> keySerde(final AvroSerdes avroSerdes) {
        return key.serde(avroSerdes, true);
    }

    public Serde<V> valueSerde(final AvroSerdes avroSerdes) {
        return value.serde(avroSerdes, false);
    }

    /** Serdes for reading this topic in Kafka Streams, with the source named after the topic. */
    public Consumed<K, V> consumed(final AvroSerdes avroSerdes) {
        return Consumed.with(keySerde(avroSerdes), valueSerde(avroSerdes)).withName("read-" + name);
    }

    /** Serdes for writing this topic from Kafka Streams, with the sink named after the topic. */
    public Produced<K, V> produced(final AvroSerdes avroSerdes) {
        return Produced.with(keySerde(avroSerdes), valueSerde(avroSerdes)).withName("write-" + name);
    }

    /**
     * The same topic under a prefixed name, for several pipelines sharing one cluster (an environment
     * prefix such as {@code staging.}) and for tests that must not see each other's records. The
     * registry subjects follow the name.
     */
    public Topic<K, V> withNamePrefix(final String prefix) {
        return new Topic<>(prefix + name, key, value, partitions, configs);
    }

    public boolean isCompacted() {
        return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
    }

    /**
     * The topic as the admin client creates it, with the replication factor of the environment and the
     * durability that follows from it ({@link KafkaDurability#topic(int)}: {@code min.insync.replicas}).
     */
    public NewTopic newTopic(final short replicationFactor) {
        final Map<String, String> settings = new LinkedHashMap<>(configs);
        settings.putAll(KafkaDurability.topic(replicationFactor));
        return new NewTopic(name, partitions, replicationFactor).configs(settings);
    }

    /** The registry subjects of this topic and their schemas (only the Avro-encoded parts have one). */
    public Map<String, Schema> subjects() {
        final Map<String, Schema> subjects = new LinkedHashMap<>();
        key.avroSchema().ifPresent(schema -> subjects.put(SubjectNames.forTopic(name, true), schema));
        value.avroSchema().ifPresent(schema -> subjects.put(SubjectNames.forTopic(name, false), schema));
        return subjects;
    }

    @Override
    public String toString() {
        return name;
    }
}
