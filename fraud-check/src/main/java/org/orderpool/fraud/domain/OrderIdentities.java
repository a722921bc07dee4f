package org.orderpool.fraud.domain;

import java.util.EnumMap;
import java.util.Map;

/**
 * The identities of an assessed order a later dispute is recorded under: its card fingerprint, e-mail and shipping address
 * key (as the pool's other stores key them), and its shop. Null where the order had none.
 */
public record OrderIdentities(String shopId, String card, String email, String address) {

    /** The disputed identities: those the order has, by trait. */
    public static OrderIdentities of(final OrderFacts order) {
        return new OrderIdentities(order.shopId(), Trait.CARD.of(order), Trait.EMAIL.of(order), Trait.ADDRESS.of(order));
    }

    /** Each identity the order has, by trait (none blank). */
    public Map<Trait, String> byTrait() {
        final Map<Trait, String> found = new EnumMap<>(Trait.class);
        put(found, Trait.CARD, card);
        put(found, Trait.EMAIL, email);
        put(found, Trait.ADDRESS, address);
        return found;
    }

    private static void put(final Map<Trait, String> found, final Trait trait, final String value) {
        if (value != null && !value.isBlank()) {
            found.put(trait, value);
        }
    }
}
