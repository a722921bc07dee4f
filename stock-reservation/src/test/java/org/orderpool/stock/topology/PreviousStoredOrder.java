package org.orderpool.stock.topology;

import org.orderpool.runtime.JsonStateSerde;
import org.orderpool.stock.domain.OrderReservation;

/**
 * A stored order as stock-reservation wrote it before its cleared order moved inside (2026-12): this record was then
 * {@code OrderProcessor.StoredOrder}, written as JSON; its cleared order was in {@code stock-cleared-orders}.
 */
record PreviousStoredOrder(OrderReservation.Snapshot reservation, boolean cancelledBeforeCleared, long updatedAt) {

    /** The bytes that version wrote to {@code stock-orders}. */
    byte[] json() {
        return new JsonStateSerde<>(PreviousStoredOrder.class).serializer().serialize("stock-orders", this);
    }
}
