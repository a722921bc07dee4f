package org.orderpool.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ContractProducer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
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
    TopicFeed topicFeed(final KafkaProperties kafka, final BoundTopics topics, final PipelineView view) {
        return new TopicFeed(kafka.buildConsumerProperties(), topics, view).start();
    }

    @Bean(destroyMethod = "close")
    ReviewDecisions reviewDecisions(final KafkaProperties kafka, final BoundTopics topics) {
        return new ReviewDecisions(new ContractProducer(kafka.buildProducerProperties(), topics));
    }
}
