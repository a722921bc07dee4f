package org.orderpool.shipping.topology;

import java.time.Instant;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.status.StatusChanges;

/** The status changes shipping-scheduler announces on orders.status. */
final class Statuses {

    static final String SOURCE = "shipping-scheduler";

    private Statuses() {
    }

    static OrderStatusChange change(final String orderId, final String shopId, final String shopOrderRef, final OrderStatus status,
                                    final String reasonCode, final String reason, final Instant now) {
        return StatusChanges.change(orderId, shopId, shopOrderRef, status, reasonCode, reason, SOURCE, now);
    }
}
