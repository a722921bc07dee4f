package org.orderpool.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;

/** TopologyTestDriver set up the way every service's suite needs it: own state directory, contract serdes on the topics. */
public final class TopologyTests {

    private TopologyTests() {
    }

    /**
     * @param settings the service's Streams settings that matter to the test (its dead-letter settings, say)
     */
    public static TopologyTestDriver driver(final Topology topology, final String applicationId, final Map<String, Object> settings,
                                            final Instant wallClockStart) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "test-work", "ttd-" + System.nanoTime()).toString());
        props.putAll(settings);
        return new TopologyTestDriver(topology, props, wallClockStart);
    }

    public static <K, V> TestInputTopic<K, V> input(final TopologyTestDriver driver, final BoundTopics topics, final Topic<K, V> topic) {
        return driver.createInputTopic(topics.name(topic), topics.keySerde(topic).serializer(), topics.valueSerde(topic).serializer());
    }

    public static <K, V> TestOutputTopic<K, V> output(final TopologyTestDriver driver, final BoundTopics topics, final Topic<K, V> topic) {
        return driver.createOutputTopic(topics.name(topic), topics.keySerde(topic).deserializer(), topics.valueSerde(topic).deserializer());
    }
}
