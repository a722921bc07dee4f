package org.orderpool.contracts.status;

import java.time.Instant;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;

/**
 * The one place where a status change on {@code orders.status} is built and its event id is chosen.
 * The event id is {@code <orderId>:<STATUS>}: an order reaches each status at most once, so a
 * reprocessed change carries the same id and shops and ops can recognise it as the same event.
 */
public final class StatusChanges {

    private StatusChanges() {
    }

    /** The deterministic id of the change that takes an order to a status. */
    public static String eventId(final String orderId, final OrderStatus status) {
        return orderId + ":" + status;
    }

    public static OrderStatusChange change(final String orderId, final String shopId, final String shopOrderRef, final OrderStatus status,
                                           final String reasonCode, final String reason, final String source, final Instant occurredAt) {
        return OrderStatusChange.newBuilder()
                .setEventId(eventId(orderId, status))
                .setOrderId(orderId)
                .setShopId(shopId)
                .setShopOrderRef(shopOrderRef)
                .setStatus(status)
                .setReasonCode(reasonCode)
                .setReason(reason)
                .setSource(source)
                .setOccurredAt(occurredAt)
                .build();
    }
}
