package org.orderpool.fraud.domain;

/**
 * What the pool remembers an order under, pooled across every shop: its card, e-mail, client IP, shipping
 * address and the card's BIN. Each is a key of the pool view; an order without one (no card, no IP) is
 * not remembered under it.
 */
public enum Trait {
    CARD("card"), EMAIL("email"), IP("ip"), ADDRESS("address"), BIN("bin");

    private final String key;

    Trait(final String key) {
        this.key = key;
    }

    /** The prefix of this trait's keys in the pool's stores. */
    public String key() {
        return key;
    }

    /** The key the pool's stores keep {@code value} of this trait under ("ip:203.0.113.7"). */
    public String keyOf(final String value) {
        return key + ":" + value;
    }

    /** This trait's value in {@code order}, or null when the order has none. */
    public String of(final OrderFacts order) {
        return switch (this) {
            case CARD -> order.cardFingerprint();
            case EMAIL -> order.email();
            case IP -> order.clientIp();
            case ADDRESS -> order.shippingAddressKey();
            case BIN -> order.cardBin();
        };
    }

    /** This trait's value in {@code observation}, or null when it has none. */
    public String of(final Observation observation) {
        return switch (this) {
            case CARD -> observation.cardFingerprint();
            case EMAIL -> observation.email();
            case IP -> observation.clientIp();
            case ADDRESS -> observation.shippingAddressKey();
            case BIN -> observation.cardBin();
        };
    }
}
