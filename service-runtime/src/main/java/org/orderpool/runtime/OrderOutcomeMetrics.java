package org.orderpool.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;

/**
 * Each service's business figure: the order status changes it decides, by status
 * ({@code orderpool_order_status_changes_total{service, status}} on {@code /actuator/prometheus}), so
 * ops see accepted and rejected, cleared, held and blocked, reserved and out of stock, scheduled and
 * manifested per service. Counted as records are processed: work redone after a crash counts again, so
 * the figures are rates to watch, not the ledger (orders.status is).
 */
public final class OrderOutcomeMetrics {

    private final MeterRegistry registry;

    public OrderOutcomeMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts every status change of {@code statuses}, in a terminal step named {@code name}. */
    public void count(final KStream<String, OrderStatusChange> statuses, final String name) {
        statuses.foreach((orderId, change) -> counter(change.getStatus()).increment(), Named.as(name));
    }

    private Counter counter(final OrderStatus status) {
        return Counter.builder("orderpool.order.status.changes").description("Order status changes this service decided")
                .tag("status", status.name()).register(registry);
    }
}
