package org.orderpool.intake.domain;

import java.time.Instant;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;

/**
 * What order-intake decided about one submitted order, with the status change it announces (none for an
 * {@link Updated update}, which the services downstream answer).
 */
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

    /**
     * A later, valid version of an order intake had already accepted: it goes to {@code orders.updates} for the
     * services downstream, which alone know whether it can still change the order; intake announces nothing.
     */
    record Updated(OrderUpdate update) implements IntakeDecision {
        @Override
        public String orderId() {
            return update.getOrder().getOrderId();
        }

        @Override
        public OrderStatusChange status() {
            return null;
        }
    }

    /** A later version of an accepted order that intake refuses (it is invalid), answered on orders.status only. */
    record UpdateRefused(String orderId, OrderStatusChange status) implements IntakeDecision {
    }
}
