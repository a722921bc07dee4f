package org.orderpool.intake.domain;

import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatusChange;

/** What order-intake decided about one submitted order, with the status change it announces. */
public sealed interface IntakeDecision {

    String orderId();

    OrderStatusChange status();

    /** The order is valid: it goes on to fraud-check in canonical form. */
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
}
