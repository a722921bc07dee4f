package org.orderpool.fraud.domain;

import java.util.List;

/**
 * One order as the pool remembers it for a day, under each of its card, e-mail, IP, address and BIN:
 * what the pool's count rules count ({@link Signal}). Never a card number: the fingerprint token and the BIN.
 */
public record Observation(String orderId, long atMillis, String shopId, String cardFingerprint, String cardBin, String email,
                          List<String> holderNames, boolean declined) {

    public Observation {
        holderNames = holderNames == null ? List.of() : List.copyOf(holderNames);
    }
}
