package org.orderpool.shopsync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.OrderView.ParcelInfo;
import org.orderpool.shopsync.domain.OrderView.StatusEntry;

/**
 * What a shop is told about its order, in the shop API and in status webhooks: each step of its lifecycle, and each
 * answer to an update of it as a notice ({@code order.update_applied}, {@code order.update_refused}). Parcels are listed
 * without the withdrawn ones, each with its carrier's tracking URL.
 */
public final class ShopDocuments {

    private final TrackingUrls trackingUrls;

    public ShopDocuments(final TrackingUrls trackingUrls) {
        this.trackingUrls = trackingUrls;
    }

    /** The order as {@code GET /shops/{shopId}/orders/...} returns it. */
    public OrderDocument order(final OrderView view) {
        return new OrderDocument(view.orderId(), view.shopOrderRef(), name(view.status()), view.updatedAt(),
                view.history().stream().map(entry -> new HistoryDocument(name(entry.status()), entry.reasonCode(), entry.reason(),
                        entry.occurredAt(), update(entry))).toList(),
                parcels(view), view.problems().stream().map(p -> new ErrorDocument(p.field(), p.code(), p.message())).toList());
    }

    /**
     * The Standard Webhooks event announcing one status change of the order: {@code type}, {@code timestamp}
     * (when the change happened) and {@code data}, which also says the order's current status and the
     * change's place in the order's history, so a receiver cannot mistake an older event for the latest.
     */
    public WebhookEvent event(final OrderView view, final String webhookId) {
        final StatusEntry entry = view.entry(webhookId).orElseThrow(() -> new IllegalArgumentException(
                "order " + view.orderId() + " has no status change " + webhookId));
        final List<ErrorDocument> errors = !entry.answersUpdate() && entry.status() == OrderStatus.REJECTED
                ? view.problems().stream().map(p -> new ErrorDocument(p.field(), p.code(), p.message())).toList() : null;
        final String type = entry.answersUpdate() ? StatusRules.webhookType(entry.update().outcome())
                : StatusRules.webhookType(entry.status());
        return new WebhookEvent(type, entry.occurredAt(), new EventData(view.orderId(),
                view.shopId(), view.shopOrderRef(), name(entry.status()), name(view.status()), view.sequenceOf(webhookId),
                entry.reasonCode(), entry.reason(), entry.occurredAt(), parcels(view), errors, update(entry)));
    }

    private static UpdateDocument update(final StatusEntry entry) {
        return entry.answersUpdate() ? new UpdateDocument(entry.update().updateId(), name(entry.update().outcome()),
                entry.update().changes()) : null;
    }

    /** The parcel's public tracking page, when its carrier has a URL template. */
    public Optional<String> trackingUrl(final ParcelInfo parcel) {
        return trackingUrls.urlFor(parcel.carrierId(), parcel.trackingReference());
    }

    private List<ParcelDocument> parcels(final OrderView view) {
        return view.liveParcels().stream().map(this::parcel).toList();
    }

    private ParcelDocument parcel(final ParcelInfo parcel) {
        return new ParcelDocument(parcel.parcelId(), parcel.carrierId(), parcel.serviceCode(), parcel.trackingReference(),
                trackingUrl(parcel).orElse(null), parcel.cutOffAt(),
                parcel.manifestId());
    }

    private static String name(final Enum<?> status) {
        return status == null ? null : status.name();
    }

    /** An order in the shop API. {@code updatedAt} is when shop-sync last changed what this document says. */
    public record OrderDocument(String orderId, String shopOrderRef, String status, Instant updatedAt, List<HistoryDocument> history,
                                List<ParcelDocument> parcels, List<ErrorDocument> errors) {
    }

    /** One entry of the order's history: a step of its lifecycle, or a notice answering an update ({@code update} set). */
    public record HistoryDocument(String status, String reasonCode, String reason, Instant occurredAt,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) UpdateDocument update) {
    }

    /** What a notice says of the update it answers: its id, APPLIED or REFUSED, and what it changed. */
    public record UpdateDocument(String updateId, String outcome, List<String> changes) {
    }

    public record ParcelDocument(String parcelId, String carrier, String service, String trackingReference, String trackingUrl,
                                 Instant cutOffAt, String manifestId) {
    }

    /** One field-level reason of a rejection. */
    public record ErrorDocument(String field, String code, String message) {
    }

    public record WebhookEvent(String type, Instant timestamp, EventData data) {
    }

    /**
     * {@code errors} is there only in {@code order.rejected} events, {@code update} only in notices
     * ({@code order.update_applied}, {@code order.update_refused}), whose {@code status} is the order's status in
     * shop-sync's view when the answer came.
     */
    public record EventData(String orderId, String shopId, String shopOrderRef, String status, String currentStatus, int sequence,
                            String reasonCode, String reason, Instant occurredAt, List<ParcelDocument> parcels,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<ErrorDocument> errors,
                            @JsonInclude(JsonInclude.Include.NON_NULL) UpdateDocument update) {
    }
}
