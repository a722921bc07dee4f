package org.orderpool.carrier;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
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
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Reads {@code shipping.manifests} (committed transactions only) and delivers each manifest; what a
 * failure leads to depends on its kind ({@link DeliveryFailure}):
 * <ul>
 *   <li>hopeless (not a readable manifest, cannot be rendered or named, refused by the carrier): at once
 *   to {@code carrier-sink.dlq} with its original bytes and the error in the headers;</li>
 *   <li>passing (drop folder, registry, Kafka): tried again after 1 s, doubling up to 1 min between
 *   attempts, for as long as it takes, with the health DOWN meanwhile: a valid manifest is never skipped,
 *   and the partition waits rather than deliver the manifests behind it out of order;</li>
 *   <li>unexpected: twice more, 1 s apart, then the dead letters.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class CarrierSinkConfiguration {

    /** The listener container factory of the manifest listener. */
    public static final String LISTENER_FACTORY = "manifestListenerFactory";

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** Well under the consumer's max.poll.interval.ms (5 min): a waiting consumer keeps its partitions. */
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);
    /** Below 0: {@link DeadLetterPublishingRecoverer} sets no partition and the producer's partitioner picks one. */
    private static final int ANY_PARTITION = -1;

    @Bean
    ManifestDelivery manifestDelivery(final CarrierSinkProperties properties) {
        final Map<String, CarrierSinkProperties.Carrier> carriers = properties.getCarriers();
        return new ManifestDelivery(properties.dropFolder(),
                carrierId -> Optional.ofNullable(carriers.get(carrierId)).map(CarrierSinkProperties.Carrier::getPushUrl)
                        .filter(url -> !url.isBlank()).map(URI::create),
                new CarrierPush(properties.getPushAttempts(), properties.getPushFirstDelay()));
    }

    @Bean
    DeliveryHealth carrierDeliveryHealthIndicator() {
        return new DeliveryHealth(Clock.systemUTC());
    }

    @Bean
    SchedulingConfigurer failedPushRetries(final ManifestListener listener, final CarrierSinkProperties properties) {
        return registrar -> registrar.addFixedDelayTask(listener::retryFailedPushes, properties.getRetryFailedPushesEvery());
    }

    /** How long to wait before delivering a record again after {@code failure}; null for the handler's default. */
    static BackOff backOffFor(final Exception failure) {
        return switch (DeliveryFailure.of(failure)) {
            case HOPELESS -> new FixedBackOff(0, 0);
            case PASSING -> {
                final ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2);
                backOff.setMaxInterval(LONGEST_RETRY.toMillis());
                yield backOff;
            }
            case UNEXPECTED -> null;
        };
    }

    /** The dead-letter topic with no partition: the producer picks one by the key, over the partitions the topic has. */
    static TopicPartition deadLetterDestination(final String deadLetterTopic) {
        return new TopicPartition(deadLetterTopic, ANY_PARTITION);
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
                (ConsumerRecord<?, ?> record, Exception e) -> deadLetterDestination(dlq));
        final DefaultErrorHandler errors = new DefaultErrorHandler(recoverer, new FixedBackOff(1_000, 2));
        errors.setBackOffFunction((record, e) -> backOffFor(e));
        final ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errors);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        return factory;
    }
}
