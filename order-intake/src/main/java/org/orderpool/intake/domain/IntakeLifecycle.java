package org.orderpool.intake.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.intake.domain.IntakeState.Phase;

/**
 * order-intake's part of the order lifecycle, per order id: SUBMITTED -> AWAITING_PAYMENT -> ACCEPTED |
 * REJECTED | CANCELLED, or straight to ACCEPTED | REJECTED. Given what intake remembers of an order (null
 * for an order it never saw) and what happened, it says what intake remembers next and what it announces.
 * Every status is announced at most once per order: a phase is left only forwards, an order that ended at intake
 * (rejected, cancelled) ignores every later version of itself, and a later version of an accepted one is an update,
 * which moves it along no lifecycle step.
 *
 * <ul>
 *   <li>A first valid, paid version is ACCEPTED; a first invalid one REJECTED; a first valid unpaid one
 *       AWAITING_PAYMENT, until its payment is due.</li>
 *   <li>While it awaits payment, a paid valid version releases it (ACCEPTED, with that version's content: an order
 *       updated while it waited goes on as the shop last sent it); a later version that is invalid ends it REJECTED
 *       with its reasons; another unpaid version announces nothing (intake keeps of a waiting order only its due
 *       time, shop and ref, so the version that is paid is the one released);
 *       the due time passing ends it CANCELLED ({@code intake.payment_timeout}); so does a cancellation, at once
 *       ({@code intake.cancelled}): it holds nothing downstream.</li>
 *   <li>A later version of an order already accepted is an update: a valid one goes on to the services downstream
 *       ({@link IntakeDecision.Updated}: stock-reservation applies it before the order is reserved, shipping-scheduler
 *       only a new address before the cut-off), whatever its payment state; an invalid one is refused at once
 *       ({@link #UPDATE_INVALID}, on orders.status, no lifecycle step): the order goes on as accepted.</li>
 *   <li>A cancellation of an order intake never saw is remembered: the order, should it come later (platforms do
 *       not promise to deliver in order), is CANCELLED at once. One of an order already accepted is the services
 *       downstream's to honour (they read the same cancellation); one of a settled order changes nothing.</li>
 * </ul>
 * No Kafka here: the topology keeps the state in its deduplication store and the due times in an index.
 */
public final class IntakeLifecycle {

    public static final String PAYMENT_TIMEOUT = "intake.payment_timeout";
    public static final String CANCELLED_BY_SHOP = "intake.cancelled";
    public static final String UPDATE_INVALID = "intake.update_invalid";

    private IntakeLifecycle() {
    }

    /**
     * What intake remembers next (null: unchanged) and what it announces.
     *
     * @param cleared whether the order's entry in the due-time index, if any, is to be removed
     */
    public record Step(IntakeState next, List<IntakeDecision> announced, boolean cleared) {

        static Step nothing() {
            return new Step(null, List.of(), false);
        }

        static Step to(final IntakeState next, final IntakeDecision announced, final boolean cleared) {
            return new Step(next, List.of(announced), cleared);
        }
    }

    /** A version of the order, decided on its own by {@link OrderIntake}. */
    public static Step onDecision(final IntakeState current, final IntakeDecision decision, final Instant now) {
        if (current == null) {
            return first(decision);
        }
        if (current.phase() == Phase.CANCELLATION_FIRST && !(decision instanceof IntakeDecision.Cancelled)) {
            return Step.to(IntakeState.of(Phase.CANCELLED), cancelled(decision.orderId(), decision.status().getShopId(),
                    decision.status().getShopOrderRef(), "cancelled by the shop before the pool took the order", now), false);
        }
        if (current.phase() == Phase.ACCEPTED) {
            return update(decision, now);
        }
        if (current.phase() != Phase.AWAITING_PAYMENT) {
            return Step.nothing(); // ended at intake: a retry, or a later version of an order that is no more
        }
        if (decision instanceof IntakeDecision.Accepted accepted) {
            return Step.to(IntakeState.of(Phase.ACCEPTED), released(accepted), true);
        }
        if (decision instanceof IntakeDecision.Rejected rejected) {
            return Step.to(IntakeState.of(Phase.REJECTED), rejected, true);
        }
        return Step.nothing(); // still unpaid: it keeps waiting, until its first version's due time
    }

    /**
     * A later version of an accepted order. A valid one (paid or not: the payment gate was passed) is passed on
     * as an update; whether it changes anything is for the services downstream, which hold the order. An invalid
     * one is refused with its reasons, the order going on as it was; one that is wrong only in being older than
     * {@code max-order-age} (a late retry) is dropped: intake no longer takes versions of an order that old.
     */
    private static Step update(final IntakeDecision decision, final Instant now) {
        final Order version;
        if (decision instanceof IntakeDecision.Accepted accepted) {
            version = accepted.order();
        } else if (decision instanceof IntakeDecision.AwaitingPayment waiting) {
            version = waiting.order();
        } else if (decision instanceof IntakeDecision.Rejected rejected) {
            if (rejected.rejection().getErrors().stream().allMatch(e -> e.getCode().equals("too_old"))) {
                return Step.nothing(); // only the order's age is wrong: a retry of an old order, never an update
            }
            final OrderStatusChange refused = StatusChanges.updateAnswer(rejected.orderId(), rejected.status().getShopId(),
                    rejected.status().getShopOrderRef(), OrderStatus.ACCEPTED, invalidUpdateId(rejected), UpdateOutcome.REFUSED,
                    List.of(), UPDATE_INVALID, "update refused: the new version of the order is invalid ("
                            + rejected.status().getReason() + "); the order goes on as the pool accepted it", OrderIntake.SOURCE, now);
            return Step.to(null, new IntakeDecision.UpdateRefused(rejected.orderId(), refused), false);
        } else {
            return Step.nothing();
        }
        return Step.to(null, new IntakeDecision.Updated(OrderUpdate.newBuilder().setUpdateId(OrderChanges.updateId(version))
                .setOrder(version).setRequestedAt(now).build()), false);
    }

    /** An invalid version has no canonical content: its id names the order and what was wrong with it. */
    private static String invalidUpdateId(final IntakeDecision.Rejected rejected) {
        final String errors = rejected.rejection().getErrors().stream().map(e -> e.getField() + ":" + e.getCode())
                .collect(Collectors.joining(","));
        return "upd-" + UUID.nameUUIDFromBytes((rejected.orderId() + "|invalid|" + errors).getBytes(StandardCharsets.UTF_8));
    }

    /** The due time of an order's payment came (the index may name an order that has moved on since). */
    public static Step onPaymentDue(final String orderId, final IntakeState current, final Instant now) {
        if (current == null || current.phase() != Phase.AWAITING_PAYMENT || current.payBy().isAfter(now)) {
            return new Step(null, List.of(), current == null || current.phase() != Phase.AWAITING_PAYMENT);
        }
        return Step.to(IntakeState.of(Phase.CANCELLED), new IntakeDecision.Cancelled(orderId, StatusChanges.change(orderId,
                current.shopId(), current.shopOrderRef(), OrderStatus.CANCELLED, PAYMENT_TIMEOUT, "not paid by " + current.payBy()
                        + " (the shop's payment timeout); nothing was reserved", OrderIntake.SOURCE, now)), true);
    }

    /** The shop (or ops) cancelled the order: {@code reason} as they gave it, already safe to repeat. */
    public static Step onCancellation(final String orderId, final IntakeState current, final String reason, final Instant now) {
        if (current == null) {
            return new Step(IntakeState.of(Phase.CANCELLATION_FIRST), List.of(), false);
        }
        if (current.phase() != Phase.AWAITING_PAYMENT) {
            return Step.nothing();
        }
        return Step.to(IntakeState.of(Phase.CANCELLED), cancelled(orderId, current.shopId(), current.shopOrderRef(),
                "cancelled by the shop while it awaited payment" + (reason == null || reason.isBlank() ? "" : ": " + reason)
                        + "; nothing was reserved", now), true);
    }

    private static IntakeDecision cancelled(final String orderId, final String shopId, final String shopOrderRef,
                                            final String reason, final Instant now) {
        return new IntakeDecision.Cancelled(orderId, StatusChanges.change(orderId, shopId, shopOrderRef, OrderStatus.CANCELLED,
                CANCELLED_BY_SHOP, reason, OrderIntake.SOURCE, now));
    }

    private static Step first(final IntakeDecision decision) {
        if (decision instanceof IntakeDecision.Accepted accepted) {
            return Step.to(IntakeState.of(Phase.ACCEPTED), accepted, false);
        }
        if (decision instanceof IntakeDecision.Rejected rejected) {
            return Step.to(IntakeState.of(Phase.REJECTED), rejected, false);
        }
        if (decision instanceof IntakeDecision.AwaitingPayment waiting) {
            return Step.to(IntakeState.awaitingPayment(waiting.payBy(), waiting.order().getShopId(),
                    waiting.order().getShopOrderRef()), waiting, false);
        }
        return Step.nothing();
    }

    private static IntakeDecision.Accepted released(final IntakeDecision.Accepted paid) {
        return new IntakeDecision.Accepted(paid.order(), StatusChanges.change(paid.orderId(), paid.order().getShopId(),
                paid.order().getShopOrderRef(), OrderStatus.ACCEPTED, paid.status().getReasonCode(), paid.status().getReason()
                        + "; paid, released from AWAITING_PAYMENT", OrderIntake.SOURCE, paid.status().getOccurredAt()));
    }
}
