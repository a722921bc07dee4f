package org.orderpool.shopsync.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.UpdateOutcome;

/**
 * What shop-sync needs to know about the order lifecycle (DESIGN.md): which statuses end an order,
 * which status an order is in when changes arrive in any order, and what a status is called in a webhook.
 */
public final class StatusRules {

    private static final Set<OrderStatus> TERMINAL = EnumSet.of(OrderStatus.REJECTED, OrderStatus.BLOCKED, OrderStatus.OUT_OF_STOCK,
            OrderStatus.CANCELLED, OrderStatus.MANIFESTED);

    private StatusRules() {
    }

    public static boolean isTerminal(final OrderStatus status) {
        return TERMINAL.contains(status);
    }

    /**
     * The order's status once {@code arriving} is known: the latest change wins, except that nothing
     * moves an order out of a terminal status (a late change is kept in the history, not made current).
     */
    public static OrderStatus current(final OrderStatus before, final OrderStatus arriving) {
        return before != null && isTerminal(before) ? before : arriving;
    }

    /**
     * The Standard Webhooks event type of a notice that answers an update of the order: {@code order.update_applied}
     * or {@code order.update_refused}.
     */
    public static String webhookType(final UpdateOutcome outcome) {
        return "order.update_" + outcome.name().toLowerCase(Locale.ROOT);
    }

    /** The Standard Webhooks event type: {@code order.<status>}, and {@code order.shipped} once the order is on a manifest. */
    public static String webhookType(final OrderStatus status) {
        return status == OrderStatus.MANIFESTED ? "order.shipped" : "order." + status.name().toLowerCase(Locale.ROOT);
    }
}
