package org.orderpool.shipping.domain;

import java.time.Instant;
import java.util.List;
import org.orderpool.contracts.update.OrderChanges;

/**
 * What becomes of an update of an order that is reserved, which only shipping-scheduler answers: a new shipping
 * address is applied to the parcels while they wait for their cut-off (booked on it, or waiting for a paused
 * carrier), within the destination country the carrier service was chosen for; everything else is refused with a
 * reason the shop can show. Changing lines or the shipping method would mean other units or another carrier
 * service for units already held and planned; after the cut-off the parcels have left. No Kafka here.
 */
public final class ReservedOrderUpdates {

    public static final String APPLIED = "shipping.update_applied";
    public static final String NOT_ADDRESS = "shipping.update_refused";
    public static final String TOO_LATE = "shipping.update_too_late";
    public static final String COUNTRY_CHANGED = "shipping.update_country_changed";
    public static final String ORDER_CANCELLED = "shipping.update_order_cancelled";

    /** Where the order's parcels are when the update is taken. */
    public enum Where {
        /** Booked on a cut-off that has not closed by the time the update was taken. */
        BOOKED,
        /** Waiting without a cut-off for a paused carrier. */
        WAITING,
        /** On a manifest: the cut-off closed before the update was taken. */
        MANIFESTED,
        /** Withdrawn: the order was cancelled (or no carrier could take it). */
        WITHDRAWN
    }

    /** The answer: applied or refused, with its reason code and the reason the shop can show. */
    public record Answer(boolean applied, String reasonCode, String reason) {
    }

    private ReservedOrderUpdates() {
    }

    /**
     * @param changes      what the update changes (see {@link OrderChanges}); not empty
     * @param fromCountry  the country the parcels go to now (null when they are no longer held)
     * @param toCountry    the country of the update's shipping address
     * @param manifestId   the manifest the parcels left on, for {@link Where#MANIFESTED}
     * @param cutOff       the cut-off they are booked on or left with (null while waiting)
     * @param takenAt      when the pool took the update
     */
    public static Answer decide(final Where where, final List<String> changes, final String fromCountry, final String toCountry,
                                final String manifestId, final Instant cutOff, final Instant takenAt) {
        final String what = String.join(", ", changes);
        if (where == Where.MANIFESTED) {
            return new Answer(false, TOO_LATE, "update refused (" + what + "): the parcels left on manifest " + manifestId
                    + " at the cut-off of " + cutOff + "; the update, taken at " + takenAt + ", came too late");
        }
        if (where == Where.WITHDRAWN) {
            return new Answer(false, ORDER_CANCELLED, "update refused (" + what + "): the order was cancelled and its parcels"
                    + " withdrawn; nothing ships");
        }
        final List<String> others = changes.stream().filter(change -> !change.equals(OrderChanges.SHIPPING_ADDRESS)).toList();
        if (!others.isEmpty()) {
            return new Answer(false, NOT_ADDRESS, "update refused (" + what + "): the order is reserved, and from then on only its"
                    + " shipping address may change, before the cut-off; " + String.join(" and ", others) + " cannot"
                    + (changes.size() > others.size() ? ", so the new address is not applied either" : "")
                    + ": the order ships as it was (cancel it and order again to change it)");
        }
        if (fromCountry != null && !fromCountry.equalsIgnoreCase(toCountry)) {
            return new Answer(false, COUNTRY_CHANGED, "update refused (shippingAddress): the new address is in " + toCountry
                    + ", the parcels' carrier service was chosen for " + fromCountry + "; the order ships to the old address"
                    + " (cancel it and order again to send it abroad)");
        }
        return new Answer(true, APPLIED, "new shipping address applied before the cut-off"
                + (cutOff == null ? " (the parcels wait for their carrier)" : " of " + cutOff) + "; the manifest carries it");
    }
}
