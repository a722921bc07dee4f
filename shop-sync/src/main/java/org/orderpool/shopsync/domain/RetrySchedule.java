package org.orderpool.shopsync.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a webhook is attempted: {@code delays.get(n)} is the pause before attempt n + 1, counted from
 * the end of attempt n (the first is counted from the event, so {@code 0s} means immediately). Standard
 * Webhooks' schedule is 0s, 5s, 5m, 30m, 2h, 5h, 10h, 10h: eight attempts over about 28 hours. Each
 * pause is stretched or shortened by up to {@code jitter} of itself at random, so endpoints that failed
 * together are not all retried in the same second. A {@code Retry-After} the endpoint sent is honoured
 * when it asks for a longer pause, up to the longest pause of the schedule (an endpoint cannot park its
 * events for a year).
 */
public record RetrySchedule(List<Duration> delays, double jitter) {

    public RetrySchedule {
        if (delays == null || delays.isEmpty()) {
            throw new IllegalArgumentException("retry-schedule needs at least one delay (0s: the first attempt at once)");
        }
        if (delays.stream().anyMatch(delay -> delay.isNegative())) {
            throw new IllegalArgumentException("retry-schedule delays must not be negative: " + delays);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be at least 0 and below 1, not " + jitter);
        }
        delays = List.copyOf(delays);
    }

    /** How many attempts a webhook gets before it is given up. */
    public int attempts() {
        return delays.size();
    }

    /**
     * When to attempt again after {@code failedAttempts} attempts failed, the last one at {@code now};
     * empty once every attempt of the schedule was made.
     *
     * @param random a number in [0, 1) that picks the jitter
     */
    public Optional<Instant> afterFailure(final int failedAttempts, final Instant now, final Duration retryAfter,
                                          final double random) {
        if (failedAttempts >= delays.size()) {
            return Optional.empty();
        }
        final Duration planned = delays.get(failedAttempts);
        final Duration jittered = Duration.ofMillis(Math.round(planned.toMillis() * (1 + jitter * (2 * random - 1))));
        final Duration longest = delays.stream().max(Comparator.naturalOrder()).orElseThrow();
        final Duration asked = retryAfter == null ? Duration.ZERO : retryAfter.compareTo(longest) > 0 ? longest : retryAfter;
        return Optional.of(now.plus(asked.compareTo(jittered) > 0 ? asked : jittered));
    }
}
