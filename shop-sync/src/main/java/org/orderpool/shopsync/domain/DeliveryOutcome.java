package org.orderpool.shopsync.domain;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How one attempt to deliver a webhook ended, as Standard Webhooks reads it: any 2xx is delivered;
 * {@code 410 Gone} means the endpoint is gone and must not be called again; anything else (another
 * status, a redirect, a timeout, a refused connection) is a failure to retry, possibly with the pause
 * the endpoint asked for in {@code Retry-After}.
 */
public sealed interface DeliveryOutcome {

    record Delivered(int status) implements DeliveryOutcome {
    }

    record Gone() implements DeliveryOutcome {
    }

    /** @param retryAfter the pause the endpoint asked for, or null */
    record Failed(String error, Duration retryAfter) implements DeliveryOutcome {
    }

    /** The outcome of an HTTP answer; {@code retryAfter} is the header's value (seconds or an HTTP date) or null. */
    public static DeliveryOutcome ofResponse(final int status, final String retryAfter, final Instant now) {
        if (status >= 200 && status < 300) {
            return new Delivered(status);
        }
        if (status == 410) {
            return new Gone();
        }
        return new Failed("HTTP " + status, parseRetryAfter(retryAfter, now));
    }

    /**
     * An attempt that got no HTTP answer, named after the I/O failure under whatever wraps it
     * (ConnectException, HttpTimeoutException, ...), or else after the innermost cause.
     */
    public static DeliveryOutcome ofError(final Throwable error) {
        return new Failed(describe(error), null);
    }

    /** A call's failure as its I/O cause names it ({@code ConnectException: ...}), or else as the innermost cause. */
    public static String describe(final Throwable error) {
        Throwable named = null;
        Throwable innermost = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (named == null && cause instanceof IOException) {
                named = cause;
            }
            innermost = cause;
        }
        final Throwable shown = named != null ? named : innermost;
        return shown.getClass().getSimpleName() + (shown.getMessage() == null ? "" : ": " + shown.getMessage());
    }

    /** {@code Retry-After} as a pause: delay-seconds or an HTTP date (RFC 9110); null when absent or unreadable. */
    public static Duration parseRetryAfter(final String value, final Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        final String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            return trimmed.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(trimmed));
        }
        try {
            final Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (final DateTimeParseException e) {
            return null;
        }
    }
}
