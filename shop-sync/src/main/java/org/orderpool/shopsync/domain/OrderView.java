package org.orderpool.shopsync.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.UpdateOutcome;

/**
 * What shop-sync knows about one order: its shop and reference, its current status and the history
 * of its status changes, why it was rejected, its parcels with their carrier, tracking reference and
 * manifest, the webhooks still to deliver to the shop (oldest first, the first one is the only one
 * that may be in flight), and, for a shop on Shopify or WooCommerce, the calls still to make to its
 * platform (likewise). Immutable; every change returns a new view.
 *
 * <p>{@code updatedAt} is when shop-sync last changed something a shop can see (status, reasons,
 * parcels), on shop-sync's own clock: a change that became visible after a shop's last reconciliation
 * always sorts after it, even when it happened earlier and reached shop-sync late. Delivery bookkeeping
 * (attempts, back-off) does not move it.
 */
public record OrderView(String orderId, String shopId, String shopOrderRef, OrderStatus status, List<StatusEntry> history,
                        List<Problem> problems, List<ParcelInfo> parcels, List<PendingWebhook> outbox, List<PendingCall> calls,
                        Instant updatedAt, Instant terminalAt) {

    public OrderView {
        history = history == null ? List.of() : List.copyOf(history);
        problems = problems == null ? List.of() : List.copyOf(problems);
        parcels = parcels == null ? List.of() : List.copyOf(parcels);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    /** An order first heard of, with no status yet. */
    public static OrderView start(final String orderId, final String shopId, final String shopOrderRef, final Instant now) {
        return new OrderView(orderId, shopId, shopOrderRef, null, List.of(), List.of(), List.of(), List.of(), List.of(), now, null);
    }

    /** Whether this status change was seen before (a redelivered or reprocessed record). */
    public boolean knows(final String eventId) {
        return history.stream().anyMatch(entry -> entry.eventId().equals(eventId));
    }

    public Optional<StatusEntry> entry(final String eventId) {
        return history.stream().filter(entry -> entry.eventId().equals(eventId)).findFirst();
    }

    /** 1-based position of the change in the order's history, so a receiver can tell an older event from a newer one. */
    public int sequenceOf(final String eventId) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).eventId().equals(eventId)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("order " + orderId + " has no status change " + eventId);
    }

    /**
     * The view after a change of orders.status. A step of the lifecycle becomes the current status (unless the order
     * already ended, {@link StatusRules#current}); an answer to an update ({@link StatusEntry#answersUpdate}) is a
     * notice: it joins the history with the order's status as this view knows it (never the status the answering
     * service repeated, which may be older), and moves, ends or revives nothing.
     */
    public OrderView withStatus(final StatusEntry entry, final Instant now) {
        final List<StatusEntry> more = new ArrayList<>(history);
        if (entry.answersUpdate()) {
            more.add(new StatusEntry(entry.eventId(), status, entry.reasonCode(), entry.reason(), entry.source(), entry.occurredAt(),
                    entry.update()));
            return new OrderView(orderId, shopId, shopOrderRef, status, more, problems, parcels, outbox, calls, now, terminalAt);
        }
        more.add(entry);
        final OrderStatus next = StatusRules.current(status, entry.status());
        final Instant terminal = terminalAt != null ? terminalAt : StatusRules.isTerminal(next) ? now : null;
        return new OrderView(orderId, shopId, shopOrderRef, next, more, problems, parcels, outbox, calls, now, terminal);
    }

    /** Fills in the shop's reference when the first record seen did not carry it. */
    public OrderView withShopOrderRef(final String ref, final Instant now) {
        return shopOrderRef != null || ref == null ? this
                : new OrderView(orderId, shopId, ref, status, history, problems, parcels, outbox, calls, now, terminalAt);
    }

    public OrderView withProblems(final List<Problem> found, final Instant now) {
        return new OrderView(orderId, shopId, shopOrderRef, status, history, found, parcels, outbox, calls, now, terminalAt);
    }

    /** A parcel as shipping-scheduler announced it (scheduled, moved to another cut-off, withdrawn). */
    public OrderView withParcel(final ParcelInfo parcel, final Instant now) {
        final List<ParcelInfo> merged = new ArrayList<>();
        boolean known = false;
        for (final ParcelInfo existing : parcels) {
            if (existing.parcelId().equals(parcel.parcelId())) {
                merged.add(existing.updatedBy(parcel));
                known = true;
            } else {
                merged.add(existing);
            }
        }
        if (!known) {
            merged.add(parcel);
        }
        merged.sort(Comparator.comparing(ParcelInfo::parcelId));
        return new OrderView(orderId, shopId, shopOrderRef, status, history, problems, merged, outbox, calls, now, terminalAt);
    }

    public OrderView withOutbox(final List<PendingWebhook> pending) {
        return new OrderView(orderId, shopId, shopOrderRef, status, history, problems, parcels, pending, calls, updatedAt, terminalAt);
    }

    /** The view with its first pending webhook replaced (after an attempt, say). */
    public OrderView withHead(final PendingWebhook head) {
        final List<PendingWebhook> pending = new ArrayList<>(outbox);
        pending.set(0, head);
        return withOutbox(pending);
    }

    /** The view without its first pending webhook (delivered or given up). */
    public OrderView withoutHead() {
        return withOutbox(outbox.subList(1, outbox.size()));
    }

    public OrderView withCalls(final List<PendingCall> pending) {
        return new OrderView(orderId, shopId, shopOrderRef, status, history, problems, parcels, outbox, pending, updatedAt, terminalAt);
    }

    /** The view with its first pending platform call replaced. */
    public OrderView withFirstCall(final PendingCall first) {
        final List<PendingCall> pending = new ArrayList<>(calls);
        pending.set(0, first);
        return withCalls(pending);
    }

    /** The view without its first pending platform call (done or given up). */
    public OrderView withoutFirstCall() {
        return withCalls(calls.subList(1, calls.size()));
    }

    /** The platform call to make next: later ones wait until it is done or given up. */
    public Optional<PendingCall> firstCall() {
        return calls.isEmpty() ? Optional.empty() : Optional.of(calls.get(0));
    }

    /** The webhook to deliver next: later ones wait until it is delivered or given up. */
    public Optional<PendingWebhook> head() {
        return outbox.isEmpty() ? Optional.empty() : Optional.of(outbox.get(0));
    }

    /** Parcels that are going to a carrier or went (withdrawn ones left out), by parcel id. */
    public List<ParcelInfo> liveParcels() {
        return parcels.stream().filter(parcel -> !parcel.withdrawn()).toList();
    }

    /**
     * Whether what an event of this status should say has arrived: the field-level reasons of a
     * rejection, every parcel of a scheduled order, the manifest of every parcel of a shipped one. They
     * come on other topics than the status, so they may arrive a little after it. Null (a notice of an order with
     * no status yet) waits for nothing.
     */
    public boolean detailsComplete(final OrderStatus eventStatus) {
        if (eventStatus == null) {
            return true; // a notice read before any step of the lifecycle
        }
        final List<ParcelInfo> live = liveParcels();
        final int expected = live.stream().mapToInt(ParcelInfo::parcelCount).max().orElse(0);
        final boolean allParcels = !live.isEmpty() && live.size() >= expected;
        return switch (eventStatus) {
            case REJECTED -> !problems.isEmpty();
            case SCHEDULED -> allParcels;
            case MANIFESTED -> allParcels && live.stream().allMatch(parcel -> parcel.manifestId() != null);
            default -> true;
        };
    }

    /**
     * One change as orders.status announced it: a step of the order's lifecycle, or, when {@code update} is set, a
     * notice that answers an update of the order (applied or refused), which moves the order nowhere.
     */
    public record StatusEntry(String eventId, OrderStatus status, String reasonCode, String reason, String source,
                              Instant occurredAt, UpdateNotice update) {

        /** A step of the lifecycle. */
        public StatusEntry(final String eventId, final OrderStatus status, final String reasonCode, final String reason,
                           final String source, final Instant occurredAt) {
            this(eventId, status, reasonCode, reason, source, occurredAt, null);
        }

        /** Whether this entry answers an update of the order rather than moving it along its lifecycle. */
        public boolean answersUpdate() {
            return update != null;
        }
    }

    /** What an answer to an update of the order says: which update, APPLIED or REFUSED, and what it changed. */
    public record UpdateNotice(String updateId, UpdateOutcome outcome, List<String> changes) {

        public UpdateNotice {
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /** One field-level reason of a rejection. */
    public record Problem(String field, String code, String message) {
    }

    /**
     * One parcel: carrier, service, tracking reference, cut-off, and the manifest once it is on one.
     * {@code parcelCount} is how many parcels the order has (0 when only a manifest told of the parcel).
     */
    public record ParcelInfo(String parcelId, String carrierId, String serviceCode, String trackingReference, Instant cutOffAt,
                             String manifestId, boolean withdrawn, int parcelCount) {

        /**
         * This parcel after another record about it: that record's fields, keeping what it does not carry
         * (manifest, parcel count). A parcel on a manifest keeps the manifest's cut-off and is not withdrawn,
         * whatever a parcel record that arrives after the manifest says: the manifest is issued last.
         */
        ParcelInfo updatedBy(final ParcelInfo other) {
            final boolean manifested = manifestId != null && other.manifestId == null;
            return new ParcelInfo(parcelId, orElse(other.carrierId, carrierId), orElse(other.serviceCode, serviceCode),
                    orElse(other.trackingReference, trackingReference), manifested ? cutOffAt : orElse(other.cutOffAt, cutOffAt),
                    orElse(other.manifestId, manifestId), !manifested && other.withdrawn,
                    other.parcelCount > 0 ? other.parcelCount : parcelCount);
        }

        private static <T> T orElse(final T preferred, final T fallback) {
            return preferred != null ? preferred : fallback;
        }
    }

    /**
     * A call to the shop's platform not made yet: what to tell the platform ({@code action}) because of
     * which status change ({@code callId} is the change's event id), when it may be attempted next, and
     * how the attempts went.
     */
    public record PendingCall(String callId, PlatformAction action, OrderStatus status, Instant enqueuedAt, Instant notBefore,
                              int attempts, String lastError) {

        public PendingCall due(final Instant at) {
            return new PendingCall(callId, action, status, enqueuedAt, at, attempts, lastError);
        }

        public PendingCall failed(final Instant next, final String error) {
            return new PendingCall(callId, action, status, enqueuedAt, next, attempts + 1, error);
        }
    }

    /**
     * A webhook not delivered yet: the status change it announces ({@code webhookId} is the change's
     * event id, the same on every attempt), when it may be attempted next, and how the attempts went.
     */
    public record PendingWebhook(String webhookId, OrderStatus status, Instant enqueuedAt, Instant notBefore, int attempts,
                                 String lastError) {

        public PendingWebhook due(final Instant at) {
            return new PendingWebhook(webhookId, status, enqueuedAt, at, attempts, lastError);
        }

        public PendingWebhook failed(final Instant next, final String error) {
            return new PendingWebhook(webhookId, status, enqueuedAt, next, attempts + 1, error);
        }
    }
}
