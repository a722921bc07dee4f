package org.orderpool.intake.domain;

/**
 * A shop's cancellation reason as the pool repeats it: card numbers masked, characters that are not
 * printable text replaced, at most {@link #MAX_LENGTH} characters. A cancellation is never refused for its
 * reason: the order matters more than the text.
 */
public final class CancellationReasons {

    public static final int MAX_LENGTH = 200;

    private CancellationReasons() {
    }

    public static String safe(final String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        final String shown = PrintableText.sanitise(CardNumberGuard.mask(reason.strip()));
        return shown.codePointCount(0, shown.length()) <= MAX_LENGTH ? shown
                : shown.substring(0, shown.offsetByCodePoints(0, MAX_LENGTH - 1)) + "…";
    }
}
