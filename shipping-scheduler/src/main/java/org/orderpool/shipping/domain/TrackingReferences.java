package org.orderpool.shipping.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Tracking references printed on labels: the carrier's initials and twelve digits derived from the
 * parcel id, so a parcel planned again gets the same reference.
 */
public final class TrackingReferences {

    private TrackingReferences() {
    }

    public static String of(final String carrierId, final String parcelId) {
        final StringBuilder initials = new StringBuilder();
        for (final String part : carrierId.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                initials.append(part.charAt(0));
            }
        }
        final byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(parcelId.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
        long number = 0;
        for (int i = 0; i < 8; i++) {
            number = number << 8 | (digest[i] & 0xff);
        }
        return initials.toString().toUpperCase(Locale.ROOT) + String.format(Locale.ROOT, "%012d", Math.floorMod(number, 1_000_000_000_000L));
    }
}
