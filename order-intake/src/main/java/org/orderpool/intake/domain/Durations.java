package org.orderpool.intake.domain;

import java.time.Duration;

/** Durations as the pool's reasons write them: "6 days", "36 hours", "10 minutes". */
final class Durations {

    private Durations() {
    }

    static String describe(final Duration duration) {
        if (duration.toMinutes() % (24 * 60) == 0) {
            return duration.toDays() + " days";
        }
        if (duration.toMinutes() % 60 == 0) {
            return duration.toHours() + " hours";
        }
        return duration.toMinutes() + " minutes";
    }
}
