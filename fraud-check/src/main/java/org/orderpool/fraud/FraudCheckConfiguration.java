package org.orderpool.fraud;

import org.apache.kafka.streams.StreamsBuilder;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.fraud.topology.FraudCheckTopology;
import org.orderpool.runtime.OrderOutcomeMetrics;
import org.orderpool.runtime.ServiceIdentity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires fraud-check's topology; the logic lives in plain classes. */
@Configuration(proxyBeanMethods = false)
public class FraudCheckConfiguration {

    @Bean
    ServiceIdentity serviceIdentity() {
        return new ServiceIdentity("fraud-check", Topics.FRAUD_CHECK_DLQ);
    }

    @Bean
    FraudCheckTopology fraudCheckTopology(final StreamsBuilder builder, final BoundTopics topics, final FraudProperties properties,
                                          final OrderOutcomeMetrics outcomes) {
        final FraudCheckTopology topology = new FraudCheckTopology(topics, properties.toSettings());
        outcomes.count(topology.addTo(builder), "fraud-outcome-metrics");
        return topology;
    }
}
