package org.orderpool.fraud.domain;

/**
 * What fraud scoring looks at in one order. Never a card number: the payment provider's card
 * fingerprint token, the BIN and the countries are enough to recognise a card across the pool.
 *
 * @param holderName the cardholder's name as far as the order tells it: the billing address's name when the
 *                   shop sent a billing address, the customer's name otherwise; lower case, spaces collapsed
 */
public record OrderFacts(String orderId, String shopId, String email, String holderName, String cardFingerprint, String cardBin,
                         String cardCountry, String clientIp, String clientIpCountry, String shippingCountry, String shippingAddressKey,
                         boolean threeDSecureAuthenticated, long totalMinor, String currency) {

    public String emailDomain() {
        final int at = email == null ? -1 : email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1);
    }

    /** A card payment: the only kind the card and 3-D Secure rules look at. */
    public boolean card() {
        return cardFingerprint != null && !cardFingerprint.isBlank();
    }
}
