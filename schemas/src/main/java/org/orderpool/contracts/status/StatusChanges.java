package org.orderpool.contracts.status;

import java.time.Instant;
import java.util.List;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdateAnswer;
import org.orderpool.contracts.UpdateOutcome;

/**
 * The one place where a status change on {@code orders.status} is built and its event id is chosen.
 * The event id is {@code <orderId>:<STATUS>}: an order reaches each status at most once, so a
 * reprocessed change carries the same id and shops and ops can recognise it as the same event. An answer to an
 * update of the order ({@link #updateAnswer}) is no step of the lifecycle: its id names the update, and its
 * status repeats the order's status as the answering service knows it.
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

    /** The deterministic id of the answer to one update: {@code <orderId>:update:<updateId>:<OUTCOME>}. */
    public static String updateAnswerId(final String orderId, final String updateId, final UpdateOutcome outcome) {
        return orderId + ":update:" + updateId + ":" + outcome;
    }

    /**
     * The answer to an update of an order: applied or refused, with what it changed and why. {@code status} is the
     * order's status as the answering service knows it; the change moves the order nowhere.
     */
    public static OrderStatusChange updateAnswer(final String orderId, final String shopId, final String shopOrderRef,
                                                 final OrderStatus status, final String updateId, final UpdateOutcome outcome,
                                                 final List<String> changes, final String reasonCode, final String reason,
                                                 final String source, final Instant occurredAt) {
        final OrderStatusChange change = change(orderId, shopId, shopOrderRef, status, reasonCode, reason, source, occurredAt);
        change.setEventId(updateAnswerId(orderId, updateId, outcome));
        change.setUpdate(OrderUpdateAnswer.newBuilder().setUpdateId(updateId).setOutcome(outcome).setChanges(List.copyOf(changes))
                .build());
        return change;
    }

    /** Whether a change answers an update rather than moving the order along its lifecycle. */
    public static boolean isUpdateAnswer(final OrderStatusChange change) {
        return change.getUpdate() != null;
    }
}
