package org.orderpool.shipping.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tracking references printed on labels: the carrier's initials and twelve digits derived from the
 * parcel id, so a parcel planned again gets the same reference.
 */
public final class TrackingReferences {

    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9]+");
    private static final long TWELVE_DIGITS = 1_000_000_000_000L;
    /** One digest per thread: planning calls this for every parcel, and looking the algorithm up each time cost more. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    });

    private TrackingReferences() {
    }

    public static String of(final String carrierId, final String parcelId) {
        final StringBuilder initials = new StringBuilder();
        for (final String part : SEPARATORS.split(carrierId)) {
            if (!part.isEmpty()) {
                initials.append(part.charAt(0));
            }
        }
        final byte[] digest = SHA_256.get().digest(parcelId.getBytes(StandardCharsets.UTF_8));
        long number = 0;
        for (int i = 0; i < 8; i++) {
            number = number << 8 | (digest[i] & 0xff);
        }
        final String digits = Long.toString(Math.floorMod(number, TWELVE_DIGITS));
        return initials.toString().toUpperCase(Locale.ROOT) + "0".repeat(12 - digits.length()) + digits;
    }
}
