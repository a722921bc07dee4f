package org.orderpool.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.runtime.catalogue.PoolCatalogue;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.serde.CachingSchemaRegistryClient;
import org.orderpool.serde.ConfluentRegistryHttpClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;

/**
 * Wiring every service gets by depending on this module: the serdes over the configured registry,
 * the topic catalogue bound to the deployment's prefix, the pool catalogue, and the Kafka Streams
 * settings no service may forget: the pool's durability settings (KafkaDurabilityDefaults);
 * undecodable records and records whose processing throws go to the service's dead-letter topic
 * (original bytes, error headers) and processing goes on; a dying stream thread is replaced, within a
 * budget (ThreadFailureBudget); a stopping instance leaves its group, so its partitions move at once.
 * With them: Kafka Streams' metrics in Micrometer and a health indicator that follows the Streams state.
 */
@AutoConfiguration
@EnableConfigurationProperties(PipelineProperties.class)
public class ServiceRuntimeConfiguration {

    private static final Duration REGISTRY_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    @ConditionalOnMissingBean
    public AvroSerdes avroSerdes(final PipelineProperties properties) {
        // the cache outside, so a known schema never waits; the global thread waits out an outage (GlobalThreadRegistryPatience)
        return new AvroSerdes(new CachingSchemaRegistryClient(new GlobalThreadRegistryPatience(new ConfluentRegistryHttpClient(
                properties.getSchemaRegistry().getUrl(), null, REGISTRY_REQUEST_TIMEOUT))), properties.getSchemaRegistry().isAutoRegister());
    }

    @Bean
    @ConditionalOnMissingBean
    public OrderOutcomeMetrics orderOutcomeMetrics(final ObjectProvider<MeterRegistry> meterRegistry) {
        return new OrderOutcomeMetrics(meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    public BoundTopics boundTopics(final AvroSerdes avroSerdes, final PipelineProperties properties) {
        return new BoundTopics(avroSerdes, properties.getTopics().getPrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    public PoolCatalogue poolCatalogue() {
        return PoolCatalogue.fromClasspath();
    }

    @Bean
    @ConditionalOnMissingBean
    public ThreadFailureBudget threadFailureBudget(final PipelineProperties properties) {
        return new ThreadFailureBudget(properties.getStreams().getMaxThreadFailures(), properties.getStreams().getThreadFailureWindow(),
                Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBean(ServiceIdentity.class)
    public StreamsBuilderFactoryBeanConfigurer deadLetterQueueConfigurer(final ServiceIdentity identity, final BoundTopics topics,
                                                                         final ThreadFailureBudget threadFailureBudget) {
        return factoryBean -> {
            final Properties config = CommitIntervalDefaults.applyTo(KafkaDurabilityDefaults.applyTo(factoryBean.getStreamsConfiguration()));
            config.putAll(DeadLetterSettings.forTopic(topics.name(identity.deadLetterTopic())));
            factoryBean.setStreamsConfiguration(config);
            factoryBean.setStreamsUncaughtExceptionHandler(threadFailureBudget);
            // On a clean stop, hand the partitions over at once instead of after the session timeout.
            factoryBean.setLeaveGroupOnClose(true);
        };
    }

    /** Kafka Streams' own metrics (lag, rates, latencies, state stores) as Micrometer meters, so /actuator/prometheus has them. */
    @Bean
    @ConditionalOnBean(ServiceIdentity.class)
    public StreamsBuilderFactoryBeanConfigurer streamsMetricsConfigurer(final ObjectProvider<MeterRegistry> meterRegistry) {
        return factoryBean -> meterRegistry.ifAvailable(registry -> factoryBean.addListener(new KafkaStreamsMicrometerListener(registry)));
    }

    @Bean
    @ConditionalOnBean({ServiceIdentity.class, StreamsBuilderFactoryBean.class})
    public KafkaStreamsHealth kafkaStreamsHealthIndicator(final StreamsBuilderFactoryBean streams,
                                                          final ThreadFailureBudget threadFailureBudget) {
        return new KafkaStreamsHealth(streams, threadFailureBudget);
    }
}
