package org.orderpool.shipping;

import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.OrderOutcomeMetrics;
import org.orderpool.runtime.ServiceIdentity;
import org.orderpool.runtime.catalogue.PoolCatalogue;
import org.orderpool.shipping.topology.ShippingSchedulerTopology;
import org.orderpool.shipping.topology.ShippingSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires shipping-scheduler's topology; the logic lives in plain classes. */
@Configuration(proxyBeanMethods = false)
public class ShippingSchedulerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ShippingSchedulerConfiguration.class);

    @Bean
    ServiceIdentity serviceIdentity() {
        return new ServiceIdentity("shipping-scheduler", Topics.SHIPPING_SCHEDULER_DLQ);
    }

    @Bean
    ShippingSchedulerTopology shippingSchedulerTopology(final StreamsBuilder builder, final BoundTopics topics,
                                                        final ShippingProperties properties, final PoolCatalogue catalogue,
                                                        final OrderOutcomeMetrics outcomes) {
        final ShippingSettings settings = properties.toSettings();
        final ShippingSchedulerTopology topology = new ShippingSchedulerTopology(topics, settings, sku -> catalogue.product(sku)
                .map(PoolCatalogue.Product::weightGrams)
                .orElseGet(() -> {
                    LOG.warn("SKU {} is not in the pool's catalogue: packed as {} g", sku, settings.defaultUnitWeightGrams());
                    return settings.defaultUnitWeightGrams();
                }));
        final List<KStream<String, OrderStatusChange>> statuses = topology.addTo(builder);
        // an answer to an update moves no order: not an outcome
        outcomes.count(statuses.get(0).filterNot((orderId, change) -> StatusChanges.isUpdateAnswer(change),
                Named.as("shipping-order-outcome-steps")), "shipping-order-outcome-metrics");
        outcomes.count(statuses.get(1).filterNot((orderId, change) -> StatusChanges.isUpdateAnswer(change),
                Named.as("shipping-slot-outcome-steps")), "shipping-slot-outcome-metrics");
        return topology;
    }
}
