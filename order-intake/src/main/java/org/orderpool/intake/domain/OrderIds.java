package org.orderpool.intake.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The pool's order id: a name-based UUID of the shop id and the shop's order reference. The same
 * order always gets the same id, whichever way and however often it is sent, and a shop can compute
 * it itself.
 */
public final class OrderIds {

    private OrderIds() {
    }

    public static String forShopOrder(final String shopId, final String shopOrderRef) {
        final String name = "orderpool:" + clean(shopId) + ":" + clean(shopOrderRef);
        return "ord-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String clean(final String value) {
        return value == null ? "" : value.strip();
    }
}
