package org.orderpool.intake.domain;

/**
 * A member shop of the pool, the secret it signs webhooks with, and its intake policy. The secret never
 * leaves this object: {@link #toString()} hides it, and it is compared in constant time by the gateway.
 */
public record Shop(String shopId, String displayName, String webhookSecret, ShopPolicy policy) {

    /** A shop with the default policy. */
    public Shop(final String shopId, final String displayName, final String webhookSecret) {
        this(shopId, displayName, webhookSecret, ShopPolicy.defaults());
    }

    @Override
    public String toString() {
        return "Shop[" + shopId + ", " + displayName + ", secret=***, " + policy + "]";
    }
}
