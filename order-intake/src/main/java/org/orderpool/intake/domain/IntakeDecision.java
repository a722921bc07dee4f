package org.orderpool.intake.domain;

import java.time.Instant;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatusChange;

/** What order-intake decided about one submitted order, with the status change it announces. */
public sealed interface IntakeDecision {

    String orderId();

    OrderStatusChange status();

    /** The order is valid and paid: it goes on to fraud-check in canonical form. */
    record Accepted(Order order, OrderStatusChange status) implements IntakeDecision {
        @Override
        public String orderId() {
            return order.getOrderId();
        }
    }

    /** The order is refused, with every reason. */
    record Rejected(OrderRejection rejection, OrderStatusChange status) implements IntakeDecision {
        @Override
        public String orderId() {
            return rejection.getOrderId();
        }
    }

    /**
     * The order is valid but not paid yet: it waits at intake, holding nothing downstream, until the
     * platform's paid update releases it or {@code payBy} (the shop's payment timeout) passes.
     */
    record AwaitingPayment(Order order, OrderStatusChange status, Instant payBy) implements IntakeDecision {
        @Override
        public String orderId() {
            return order.getOrderId();
        }
    }

    /** An order that waited at intake ends there, cancelled (by its shop, or by its payment timeout). */
    record Cancelled(String orderId, OrderStatusChange status) implements IntakeDecision {
    }
}
