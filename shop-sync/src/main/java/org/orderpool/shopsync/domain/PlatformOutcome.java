package org.orderpool.shopsync.domain;

import java.time.Duration;

/**
 * How one call to a shop's platform (Shopify, WooCommerce) ended, as the outbox reads it: done (or
 * found done already), failed and worth retrying on the schedule (5xx, timeouts, refused connections),
 * throttled (wait for the platform's rate limit; not an attempt), or refused (a 4xx other than 429, a
 * user error, a configuration the platform does not know): retrying cannot help, so it is dead-lettered
 * with the reason.
 */
public sealed interface PlatformOutcome {

    /** @param detail what was done, or found already done, for the log */
    record Done(String detail) implements PlatformOutcome {
    }

    /** @param retryAfter the pause the platform asked for, or null */
    record Failed(String error, Duration retryAfter) implements PlatformOutcome {
    }

    /** @param pause how long until the platform's rate limit lets the call through */
    record Throttled(Duration pause, String detail) implements PlatformOutcome {
    }

    record Refused(String reason) implements PlatformOutcome {
    }

    /** An outcome's message for logs and dead letters. */
    static String describe(final PlatformOutcome outcome) {
        if (outcome instanceof Done done) {
            return done.detail();
        }
        if (outcome instanceof Failed failed) {
            return failed.error();
        }
        if (outcome instanceof Throttled throttled) {
            return "throttled for " + throttled.pause().toMillis() + " ms: " + throttled.detail();
        }
        return ((Refused) outcome).reason();
    }
}
