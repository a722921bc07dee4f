package org.orderpool.carrier;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.TransientFailures;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Reads {@code shipping.manifests} (committed transactions only) and delivers each manifest. A record
 * that cannot be read goes to {@code carrier-sink.dlq} with its original bytes (after three attempts); a
 * delivery that fails for a passing reason (registry unreachable, drop folder not writable) is retried
 * every 5 s without end, so no manifest is skipped.
 */
@Configuration(proxyBeanMethods = false)
public class CarrierSinkConfiguration {

    /** The listener container factory of the manifest listener. */
    public static final String LISTENER_FACTORY = "manifestListenerFactory";

    @Bean
    ManifestDelivery manifestDelivery(final CarrierSinkProperties properties) {
        final Map<String, CarrierSinkProperties.Carrier> carriers = properties.getCarriers();
        return new ManifestDelivery(properties.getDropFolder(),
                carrierId -> Optional.ofNullable(carriers.get(carrierId)).map(CarrierSinkProperties.Carrier::getPushUrl)
                        .filter(url -> !url.isBlank()).map(URI::create),
                new CarrierPush(properties.getPushAttempts(), properties.getPushFirstDelay()));
    }

    /** A drop folder that cannot be written (full, unmounted) is waited for: the manifest must reach its carrier. */
    private static boolean isDiskFailure(final Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.io.UncheckedIOException || cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    @Bean(LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> manifestListenerFactory(final KafkaProperties kafka, final BoundTopics topics) {
        // Bytes in, decoded by the listener: a record that does not decode reaches the dead letters as it came.
        final DefaultKafkaConsumerFactory<byte[], byte[]> consumers = new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final KafkaTemplate<byte[], byte[]> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                kafka.buildProducerProperties(), new ByteArraySerializer(), new ByteArraySerializer()));
        final String dlq = topics.name(Topics.CARRIER_SINK_DLQ);
        final DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetters,
                (ConsumerRecord<?, ?> record, Exception e) -> new TopicPartition(dlq, 0));
        final DefaultErrorHandler errors = new DefaultErrorHandler(recoverer, new FixedBackOff(1_000, 2));
        errors.setBackOffFunction((record, e) -> TransientFailures.isTransient(e) || isDiskFailure(e)
                ? new FixedBackOff(5_000, FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        final ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errors);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        return factory;
    }
}
