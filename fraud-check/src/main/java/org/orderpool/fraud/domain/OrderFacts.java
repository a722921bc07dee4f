package org.orderpool.fraud.domain;

/**
 * What fraud scoring looks at in one order. Never a card number: the payment provider's card
 * fingerprint token, the BIN and the countries are enough to recognise a card across the pool.
 */
public record OrderFacts(String orderId, String shopId, String email, String cardFingerprint, String cardBin, String cardCountry,
                         String clientIp, String clientIpCountry, String shippingCountry, String shippingAddressKey,
                         boolean threeDSecureAuthenticated, long totalMinor, String currency) {

    public String emailDomain() {
        final int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1);
    }
}
