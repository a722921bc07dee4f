package org.orderpool.fraud.domain;

import java.util.List;

/**
 * One order as the pool remembers it for a day, under each of its card, e-mail, IP, address and BIN:
 * what the pool's count rules count ({@link Signal}). Never a card number: the fingerprint token and the BIN.
 *
 * @param clientIp           the IP the order came from, or null
 * @param shippingAddressKey the shipping address as the pool keys it ({@link OrderFacts#shippingAddressKey()}), or null
 */
public record Observation(String orderId, long atMillis, String shopId, String cardFingerprint, String cardBin, String email,
                          List<String> holderNames, boolean declined, String clientIp, String shippingAddressKey) {

    public Observation {
        holderNames = holderNames == null ? List.of() : List.copyOf(holderNames);
    }

    /**
     * An observation without its IP and address: as fraud-check stored them before 2026-12-02, one record under each key of
     * the order (the key said the IP and the address), and as the count rules need it.
     */
    public Observation(final String orderId, final long atMillis, final String shopId, final String cardFingerprint,
                       final String cardBin, final String email, final List<String> holderNames, final boolean declined) {
        this(orderId, atMillis, shopId, cardFingerprint, cardBin, email, holderNames, declined, null, null);
    }

    /** The order as the pool remembers it, at {@code atMillis} (pool time). */
    public static Observation of(final OrderFacts order, final long atMillis, final boolean declined) {
        return new Observation(order.orderId(), atMillis, order.shopId(), order.cardFingerprint(), order.cardBin(), order.email(),
                order.holderNames(), declined, order.clientIp(), order.shippingAddressKey());
    }
}
