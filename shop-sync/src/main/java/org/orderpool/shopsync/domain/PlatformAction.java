package org.orderpool.shopsync.domain;

import java.util.Optional;
import org.orderpool.contracts.OrderStatus;

/**
 * What a shop's platform is told: that the pool took the order on (its stock reserved: a Shopify
 * fulfilment-service request is accepted), and when the order ends, shipped (with tracking), cancelled, or
 * not served by the pool (out of stock, rejected, blocked as fraud). Other statuses reach the shop by
 * webhook only.
 */
public enum PlatformAction {
    ACCEPT,
    SHIP,
    CANCEL,
    UNSERVED;

    public static Optional<PlatformAction> forStatus(final OrderStatus status) {
        return Optional.ofNullable(switch (status) {
            case RESERVED -> ACCEPT;
            case MANIFESTED -> SHIP;
            case CANCELLED -> CANCEL;
            case OUT_OF_STOCK, REJECTED, BLOCKED -> UNSERVED;
            default -> null;
        });
    }
}
