package org.orderpool.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.orderpool.contracts.topic.BoundTopics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard's view of the topics and its one way of writing: operators' review decisions. */
@Configuration(proxyBeanMethods = false)
public class OpsDashboardConfiguration {

    @Bean
    PipelineView pipelineView() {
        return new PipelineView();
    }

    @Bean
    PipelineMetrics pipelineMetrics(final PipelineView view, final MeterRegistry registry) {
        return new PipelineMetrics(view, registry);
    }

    @Bean(destroyMethod = "close")
    TopicFeed topicFeed(@Value("${spring.kafka.bootstrap-servers}") final String bootstrapServers, final BoundTopics topics,
                        final PipelineView view) {
        return new TopicFeed(bootstrapServers, topics, view).start();
    }

    @Bean(destroyMethod = "close")
    ReviewDecisions reviewDecisions(@Value("${spring.kafka.bootstrap-servers}") final String bootstrapServers, final BoundTopics topics) {
        return new ReviewDecisions(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(),
                new ByteArraySerializer()), topics, Duration.ofSeconds(10));
    }
}
