package org.orderpool.shopsync.topology;

import java.time.Instant;
import java.util.List;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;

/** What the order owner processes, from four topics, all keyed by order id by the time they reach it. */
sealed interface SyncInput {

    record Status(OrderStatusChange change) implements SyncInput {
    }

    record Rejection(OrderRejection rejection) implements SyncInput {
    }

    record ParcelUpdate(Parcel parcel) implements SyncInput {
    }

    record OnManifest(ManifestLink link) implements SyncInput {
    }

    /**
     * One order's parcels on one manifest: what the order owner needs of a manifest, which lists many
     * orders' parcels. Travels on shop-sync's own repartition topic, keyed by order id.
     */
    record ManifestLink(String manifestId, String carrierId, Instant cutOffAt, List<LinkedParcel> parcels) {

        public record LinkedParcel(String parcelId, String shopId, String serviceCode, String trackingReference) {
        }
    }
}
