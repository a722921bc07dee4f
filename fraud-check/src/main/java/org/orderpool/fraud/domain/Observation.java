package org.orderpool.fraud.domain;

/**
 * One order as the pool remembers it for a day, under each of its card, e-mail, IP, address and BIN:
 * what the pool's count rules count ({@link Signal}). Never a card number: the fingerprint token and the BIN.
 */
public record Observation(String orderId, long atMillis, String shopId, String cardFingerprint, String cardBin, String email,
                          String holderName, boolean declined) {
}
