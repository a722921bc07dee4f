package org.orderpool.intake.domain;

/**
 * A member shop of the pool and the secret it signs webhooks with. The secret never leaves this
 * object: {@link #toString()} hides it, and it is compared in constant time by the gateway.
 */
public record Shop(String shopId, String displayName, String webhookSecret) {

    @Override
    public String toString() {
        return "Shop[" + shopId + ", " + displayName + ", secret=***]";
    }
}
