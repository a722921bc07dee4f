package org.orderpool.runtime;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings that send bad records to a service's dead-letter topic and carry on:
 * records that cannot be deserialised, and records whose processing throws, are written there with
 * their original key and value bytes and headers naming the exception, topic, partition and offset
 * (Kafka Streams' own dead-letter queue, KIP-1034). Failures of the infrastructure (registry down)
 * are not the record's fault: they fail the thread, which is replaced, and the record is retried.
 * Production and TopologyTestDriver tests use the same settings.
 */
public final class DeadLetterSettings {

    private DeadLetterSettings() {
    }

    public static Map<String, Object> forTopic(final String deadLetterTopic) {
        return Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
    }
}
