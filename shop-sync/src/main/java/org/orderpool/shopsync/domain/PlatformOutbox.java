package org.orderpool.shopsync.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.OrderView.PendingCall;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;

/**
 * The rules of an order's platform calls, for a shop on Shopify or WooCommerce. RESERVED asks Shopify to accept
 * the fulfilment request (the pool took the order on), and the status change that ends an order asks one call
 * of the platform: MANIFESTED marks it shipped with tracking, CANCELLED
 * cancels it, OUT_OF_STOCK / REJECTED / BLOCKED tell the shop the pool will not serve it. A later
 * terminal status (a cancellation that came too late) asks nothing: the first terminal status stands, as
 * in {@link StatusRules}. An answer to an update of the order asks nothing, whatever status it repeats.
 * A shipment waits up to {@code detailsWait} for every parcel's manifest, so its
 * tracking numbers are complete. A call is removed when it is done or given up; a throttled call waits for
 * the platform's rate limit without using an attempt.
 */
public final class PlatformOutbox {

    private final RetrySchedule schedule;
    private final Duration detailsWait;
    private final Duration maxEventAge;

    public PlatformOutbox(final RetrySchedule schedule, final Duration detailsWait, final Duration maxEventAge) {
        this.schedule = schedule;
        this.detailsWait = detailsWait;
        this.maxEventAge = maxEventAge;
    }

    /**
     * Queues the call {@code change} asks of the platform, if any.
     *
     * @param before the order's status before the change (null when it had none)
     * @param view   the view with the change recorded
     */
    public OrderView enqueue(final OrderStatus before, final OrderView view, final StatusEntry change, final Instant now) {
        return enqueue(before, view, change, now, action -> true);
    }

    /** As {@link #enqueue(OrderStatus, OrderView, StatusEntry, Instant)}, for a platform told only the actions {@code toldOf} takes. */
    public OrderView enqueue(final OrderStatus before, final OrderView view, final StatusEntry change, final Instant now,
                             final Predicate<PlatformAction> toldOf) {
        if (change.answersUpdate()) {
            return view; // a notice moves the order nowhere: the platform hears of it by no call
        }
        final PlatformAction action = PlatformAction.forStatus(change.status()).filter(toldOf).orElse(null);
        if (action == null || view.status() != change.status() || before != null && StatusRules.isTerminal(before)
                || Duration.between(change.occurredAt(), now).compareTo(maxEventAge) > 0) {
            return view;
        }
        final Instant first = now.plus(schedule.delays().get(0));
        final Instant notBefore = view.detailsComplete(change.status()) ? first : first.plus(detailsWait);
        final List<PendingCall> pending = new ArrayList<>(view.calls());
        pending.add(new PendingCall(change.eventId(), action, change.status(), now, notBefore, 0, null));
        return view.withCalls(pending);
    }

    /** After details arrived: a first attempt that was waiting for them goes at once. */
    public OrderView detailsArrived(final OrderView view, final Instant now) {
        return view.firstCall()
                .filter(call -> call.attempts() == 0 && call.notBefore().isAfter(now) && view.detailsComplete(call.status()))
                .map(call -> {
                    final Instant first = call.enqueuedAt().plus(schedule.delays().get(0));
                    return view.withFirstCall(call.due(first.isAfter(now) ? first : now));
                })
                .orElse(view);
    }

    /**
     * What a call's outcome does to the outbox; an outcome for another call than the first (a stale one) does nothing.
     * Once the first call is gone, the next one goes at once if its details arrived while it waited behind it.
     */
    public Decision afterOutcome(final OrderView view, final String callId, final PlatformOutcome outcome, final Instant now,
                                 final double random) {
        final PendingCall call = view.firstCall().filter(first -> first.callId().equals(callId)).orElse(null);
        if (call == null) {
            return new Decision(view, null);
        }
        if (outcome instanceof PlatformOutcome.Done) {
            return new Decision(detailsArrived(view.withoutFirstCall(), now), null);
        }
        if (outcome instanceof PlatformOutcome.Throttled throttled) {
            return new Decision(view.withFirstCall(call.due(now.plus(throttled.pause()))), null);
        }
        if (outcome instanceof PlatformOutcome.Refused refused) {
            return new Decision(detailsArrived(view.withoutFirstCall(), now), new GivenUp(call.failed(now, refused.reason()),
                    "refused by the platform: " + refused.reason()));
        }
        final PlatformOutcome.Failed failed = (PlatformOutcome.Failed) outcome;
        final int attempts = call.attempts() + 1;
        return schedule.afterFailure(attempts, now, failed.retryAfter(), random)
                .map(next -> new Decision(view.withFirstCall(call.failed(next, failed.error())), null))
                .orElseGet(() -> new Decision(detailsArrived(view.withoutFirstCall(), now), new GivenUp(call.failed(now, failed.error()),
                        "gave up after " + attempts + " attempts over " + WebhookOutbox.readable(Duration.between(call.enqueuedAt(), now))
                                + "; last: " + failed.error())));
    }

    /** The outbox after an outcome; {@code givenUp} is the call that will not be made, for the dead letters. */
    public record Decision(OrderView view, GivenUp givenUp) {
    }

    public record GivenUp(PendingCall call, String reason) {
    }
}
