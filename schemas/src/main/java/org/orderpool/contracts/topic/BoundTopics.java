package org.orderpool.contracts.topic;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.orderpool.contracts.Order;
import org.orderpool.serde.AvroClassTrust;
import org.orderpool.serde.AvroSerdes;

/**
 * The catalogue as one deployment sees it: topic names with the deployment's prefix (empty in the
 * embedded stack and in production by default; unique per test on a shared test broker), and serdes
 * over the deployment's registry. Topologies take one of these instead of spelling names or serdes.
 */
public final class BoundTopics {

    private final AvroSerdes serdes;
    private final String prefix;

    public BoundTopics(final AvroSerdes serdes, final String prefix) {
        AvroClassTrust.trustPackageOf(Order.class);
        this.serdes = serdes;
        this.prefix = prefix == null ? "" : prefix;
    }

    public <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return prefix.isEmpty() ? topic : topic.withNamePrefix(prefix);
    }

    public String name(final Topic<?, ?> topic) {
        return prefix + topic.name();
    }

    /** The shared intake topic and every shop's own intake topic ({@link Topics#shopIntake}), for one subscription. */
    public Pattern intakeTopics() {
        return Pattern.compile(Pattern.quote(name(Topics.SHOP_ORDERS_SUBMITTED)) + "(\\.[a-z0-9-]+)?");
    }

    /** The shop whose own intake topic this is, or empty for the shared intake topic (and any other topic). */
    public Optional<String> shopOfIntakeTopic(final String topicName) {
        final String shopTopics = name(Topics.SHOP_ORDERS_SUBMITTED) + ".";
        return topicName != null && topicName.startsWith(shopTopics) && topicName.length() > shopTopics.length()
                ? Optional.of(topicName.substring(shopTopics.length())) : Optional.empty();
    }

    public <K, V> Consumed<K, V> consumed(final Topic<K, V> topic) {
        return topic(topic).consumed(serdes);
    }

    public <K, V> Produced<K, V> produced(final Topic<K, V> topic) {
        return topic(topic).produced(serdes);
    }

    public <K, V> Serde<K> keySerde(final Topic<K, V> topic) {
        return topic.keySerde(serdes);
    }

    public <K, V> Serde<V> valueSerde(final Topic<K, V> topic) {
        return topic.valueSerde(serdes);
    }

    /**
     * A serde for the topic's values that always uses that topic's registry subject, whatever topic
     * Kafka Streams passes: for state stores and repartitions, whose changelog and internal topic names
     * have no registered subject (production runs with auto-registration off).
     */
    public <K, V> Serde<V> valueSerdeAsOn(final Topic<K, V> topic) {
        final Serde<V> serde = valueSerde(topic);
        final String subjectTopic = name(topic);
        return Serdes.serdeFrom((ignored, value) -> serde.serializer().serialize(subjectTopic, value),
                (ignored, bytes) -> serde.deserializer().deserialize(subjectTopic, bytes));
    }

    /**
     * Sends the outputs of one kind, out of a processor that emits several, to their topic: the filter
     * and the value extraction and the sink are named after {@code name}, so several outputs may go to one topic.
     */
    public <O, T extends O, V> KStream<String, V> route(final KStream<String, O> outputs, final Class<T> kind, final Function<T, V> value,
                                                        final Topic<String, V> topic, final String name) {
        final KStream<String, V> routed = outputs.filter((key, output) -> kind.isInstance(output), Named.as(name))
                .mapValues(output -> value.apply(kind.cast(output)), Named.as(name + "-value"));
        routed.to(name(topic), produced(topic).withName(name + "-write"));
        return routed;
    }

    public AvroSerdes serdes() {
        return serdes;
    }
}
