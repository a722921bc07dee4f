package org.orderpool.shopsync.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.orderpool.shopsync.domain.OrderView.PendingWebhook;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;

/**
 * The rules of an order's webhook outbox. Every status change of an order (a step of its lifecycle, or a notice that
 * answers an update of it) becomes one webhook, queued
 * behind the order's earlier ones: an order's webhooks are delivered one at a time, in the order of its
 * history, so a shop never receives an older status after a newer one (each event also says the order's
 * current status and its sequence number, for receivers that handle events in parallel). A webhook is
 * removed when it is delivered or given up; 410 Gone keeps it (the endpoint is disabled, and the event
 * is delivered once ops re-enable it).
 */
public final class WebhookOutbox {

    private final RetrySchedule schedule;
    private final Duration detailsWait;
    private final Duration maxEventAge;

    /**
     * @param detailsWait how long a first attempt waits for details that travel on other topics (rejection
     *                    reasons, parcels, manifests) before it goes without them
     * @param maxEventAge a status change that reaches shop-sync later than this after it happened is kept
     *                    in the view (and the API) but not announced: a first deployment, or one after a long
     *                    outage, must not flood shops with week-old events
     */
    public WebhookOutbox(final RetrySchedule schedule, final Duration detailsWait, final Duration maxEventAge) {
        this.schedule = schedule;
        this.detailsWait = detailsWait;
        this.maxEventAge = maxEventAge;
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    /**
     * Queues the webhook of a status change the view has just recorded ({@code change} as the view recorded it). A
     * notice (an answer to an update) waits for no details: the status it carries is only the order's current one.
     */
    public OrderView enqueue(final OrderView view, final StatusEntry change, final Instant now) {
        if (Duration.between(change.occurredAt(), now).compareTo(maxEventAge) > 0) {
            return view;
        }
        final Instant first = now.plus(schedule.delays().get(0));
        final Instant notBefore = change.answersUpdate() || view.detailsComplete(change.status()) ? first : first.plus(detailsWait);
        final List<PendingWebhook> pending = new ArrayList<>(view.outbox());
        pending.add(new PendingWebhook(change.eventId(), change.status(), now, notBefore, 0, null));
        return view.withOutbox(pending);
    }

    /** After details arrived: a first attempt that was waiting for them goes at once. */
    public OrderView detailsArrived(final OrderView view, final Instant now) {
        return view.head()
                .filter(head -> head.attempts() == 0 && head.notBefore().isAfter(now) && view.detailsComplete(head.status()))
                .map(head -> {
                    final Instant first = head.enqueuedAt().plus(schedule.delays().get(0));
                    return view.withHead(head.due(first.isAfter(now) ? first : now));
                })
                .orElse(view);
    }

    /**
     * The outbox once its first webhook is gone: the next one, if its details arrived while it waited behind
     * (detailsArrived only looks at the first), goes at once instead of waiting out the details wait.
     */
    private OrderView nextFirst(final OrderView view, final Instant now) {
        return detailsArrived(view, now);
    }

    /** What an attempt's outcome does to the outbox; an outcome for another webhook than the first (a stale one) does nothing. */
    public Decision afterOutcome(final OrderView view, final String webhookId, final DeliveryOutcome outcome, final Instant now,
                                 final double random) {
        final PendingWebhook head = view.head().filter(first -> first.webhookId().equals(webhookId)).orElse(null);
        if (head == null) {
            return new Decision(view, false, null);
        }
        if (outcome instanceof DeliveryOutcome.Delivered) {
            return new Decision(nextFirst(view.withoutHead(), now), false, null);
        }
        if (outcome instanceof DeliveryOutcome.Gone) {
            return new Decision(view.withHead(new PendingWebhook(head.webhookId(), head.status(), head.enqueuedAt(), now,
                    head.attempts(), "HTTP 410 Gone: endpoint disabled")), true, null);
        }
        final DeliveryOutcome.Failed failed = (DeliveryOutcome.Failed) outcome;
        final int failedAttempts = head.attempts() + 1;
        return schedule.afterFailure(failedAttempts, now, failed.retryAfter(), random)
                .map(next -> new Decision(view.withHead(head.failed(next, failed.error())), false, null))
                .orElseGet(() -> new Decision(nextFirst(view.withoutHead(), now), false,
                        new GivenUp(head.failed(now, failed.error()), "gave up after " + failedAttempts + " attempts over "
                                + readable(Duration.between(head.enqueuedAt(), now)) + "; last: " + failed.error())));
    }

    /** The outbox after an outcome; {@code givenUp} is the webhook that used its last attempt, for the dead letters. */
    public record Decision(OrderView view, boolean disableEndpoint, GivenUp givenUp) {
    }

    /** A webhook that will not be attempted again, and why. */
    public record GivenUp(PendingWebhook webhook, String reason) {
    }

    static String readable(final Duration duration) {
        if (duration.toHours() >= 1) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        return duration.toMinutes() >= 1 ? duration.toMinutes() + " min " + duration.toSecondsPart() + " s"
                : duration.toSeconds() + " s";
    }
}
