package org.orderpool.shipping.topology;

import java.time.Instant;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;

/** The status changes shipping-scheduler announces on orders.status. */
final class Statuses {

    static final String SOURCE = "shipping-scheduler";

    private Statuses() {
    }

    static OrderStatusChange change(final String orderId, final String shopId, final String shopOrderRef, final OrderStatus status,
                                    final String reasonCode, final String reason, final Instant now) {
        return OrderStatusChange.newBuilder()
                .setEventId(orderId + ":" + status)
                .setOrderId(orderId)
                .setShopId(shopId)
                .setShopOrderRef(shopOrderRef)
                .setStatus(status)
                .setReasonCode(reasonCode)
                .setReason(reason)
                .setSource(SOURCE)
                .setOccurredAt(now)
                .build();
    }
}
