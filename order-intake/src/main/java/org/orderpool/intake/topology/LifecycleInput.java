package org.orderpool.intake.topology;

import org.orderpool.contracts.OrderCancellation;
import org.orderpool.intake.domain.IntakeDecision;

/** What order-intake's lifecycle step takes in, keyed by order id: a decided version of an order, or its cancellation. */
sealed interface LifecycleInput {

    /** A version of the order, decided on its own before the repartition by order id. */
    record Decided(IntakeDecision decision) implements LifecycleInput {
    }

    /** A cancellation from {@code orders.cancellations} (the gateway, ops, or a Kafka-native shop through intake). */
    record CancellationRequested(OrderCancellation cancellation) implements LifecycleInput {
    }
}
