package org.orderpool.fraud.domain;

import java.util.List;

/**
 * What fraud scoring looks at in one order. Never a card number: the payment provider's card
 * fingerprint token, the BIN and the countries are enough to recognise a card across the pool.
 *
 * @param holderNames the names the order gives for the person paying (the contract has no cardholder name): the
 *                    customer's and the billing address's, lower case, spaces collapsed, each once
 * @param phone       the payer's phone: the billing address's (the shipping address's when there is none), or null
 * @param expressShipping whether the customer chose express shipping
 */
public record OrderFacts(String orderId, String shopId, String email, List<String> holderNames, String cardFingerprint,
                         String cardBin, String cardCountry, String clientIp, String clientIpCountry, String shippingCountry,
                         String shippingAddressKey, boolean threeDSecureAuthenticated, long totalMinor, String currency,
                         String phone, boolean expressShipping) {

    public OrderFacts {
        holderNames = holderNames == null ? List.of() : List.copyOf(holderNames);
    }

    /** Facts without a phone, shipped the standard way. */
    public OrderFacts(final String orderId, final String shopId, final String email, final List<String> holderNames,
                      final String cardFingerprint, final String cardBin, final String cardCountry, final String clientIp,
                      final String clientIpCountry, final String shippingCountry, final String shippingAddressKey,
                      final boolean threeDSecureAuthenticated, final long totalMinor, final String currency) {
        this(orderId, shopId, email, holderNames, cardFingerprint, cardBin, cardCountry, clientIp, clientIpCountry, shippingCountry,
                shippingAddressKey, threeDSecureAuthenticated, totalMinor, currency, null, false);
    }

    public String emailDomain() {
        final int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1);
    }

    /** A card payment: the only kind the card and 3-D Secure rules look at. */
    public boolean card() {
        return cardFingerprint != null && !cardFingerprint.isBlank();
    }
}
