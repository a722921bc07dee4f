package org.orderpool.fraud.domain;

/** One order as the pool remembers it for a day, under each of its card, e-mail, IP and address. */
public record Observation(String orderId, long atMillis, String shopId, String cardFingerprint, String email, boolean declined) {
}
