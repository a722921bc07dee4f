package org.orderpool.stock;

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
import org.orderpool.stock.topology.StockReservationTopology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires stock-reservation's topology; the logic lives in plain classes. */
@Configuration(proxyBeanMethods = false)
public class StockReservationConfiguration {

    @Bean
    ServiceIdentity serviceIdentity() {
        return new ServiceIdentity("stock-reservation", Topics.STOCK_RESERVATION_DLQ);
    }

    @Bean
    StockReservationTopology stockReservationTopology(final StreamsBuilder builder, final BoundTopics topics,
                                                      final StockProperties properties, final OrderOutcomeMetrics outcomes) {
        final StockReservationTopology topology = new StockReservationTopology(topics, properties.toSettings());
        final List<KStream<String, OrderStatusChange>> statuses = topology.addTo(builder);
        outcomes.count(statuses.get(0).filterNot((orderId, change) -> StatusChanges.isUpdateAnswer(change),
                Named.as("stock-outcome-steps")), "stock-outcome-metrics");
        outcomes.count(statuses.get(1), "stock-sku-outcome-metrics"); // RESERVED of orders with one SKU
        return topology;
    }
}
