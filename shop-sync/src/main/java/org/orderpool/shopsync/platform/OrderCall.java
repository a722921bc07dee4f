package org.orderpool.shopsync.platform;

import java.time.Instant;
import java.util.List;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.shopsync.domain.PlatformAction;

/**
 * One call to make to a shop's platform about one order: what to tell it, because of which status change
 * ({@code callId}, the change's event id, the same on every attempt), and what the call needs: the
 * platform's order (the shop order ref is the platform's order id), the reason, and the parcels with
 * their tracking.
 */
public record OrderCall(String shopId, String orderId, String shopOrderRef, String callId, PlatformAction action,
                        OrderStatus status, String reasonCode, String reason, List<ShippedParcel> parcels) {

    public OrderCall {
        parcels = parcels == null ? List.of() : List.copyOf(parcels);
    }

    /** A parcel on its way: carrier, tracking reference and public tracking page (null when the carrier has none). */
    public record ShippedParcel(String parcelId, String carrierId, String serviceCode, String trackingReference, String trackingUrl,
                                Instant cutOffAt) {
    }
}
