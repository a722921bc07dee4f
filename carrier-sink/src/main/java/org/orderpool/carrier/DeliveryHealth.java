package org.orderpool.carrier;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * carrier-sink's health as its deliveries see it: DOWN while a manifest waits for a passing failure to
 * end (a full or unmounted drop folder, the registry down), with the record, since when, how many
 * attempts and the last error, for each partition that waits; UP otherwise. Pushes that failed every
 * attempt (their {@code .push-failed} markers) keep it UP and are listed: the files reached the carrier.
 */
public final class DeliveryHealth implements HealthIndicator {

    /** A record whose delivery is being retried. */
    private record Stall(String record, Instant since, int attempts, String lastError) {
    }

    private final Clock clock;
    private final Map<String, Stall> stalls = new ConcurrentHashMap<>();
    private volatile List<String> pushesWaiting = List.of();

    public DeliveryHealth(final Clock clock) {
        this.clock = clock;
    }

    /** The delivery of {@code record} (topic-partition@offset) on {@code partition} failed for a passing reason. */
    public void stalled(final String partition, final String record, final Throwable failure) {
        stalls.compute(partition, (key, before) -> before != null && before.record().equals(record)
                ? new Stall(record, before.since(), before.attempts() + 1, failure.getMessage())
                : new Stall(record, clock.instant(), 1, failure.getMessage()));
    }

    /** The record on {@code partition} is dealt with: delivered or dead-lettered. */
    public void settled(final String partition) {
        stalls.remove(partition);
    }

    public void pushesWaiting(final List<String> manifestIds) {
        pushesWaiting = List.copyOf(manifestIds);
    }

    @Override
    public Health health() {
        final Map<String, Map<String, Object>> waiting = new TreeMap<>();
        stalls.forEach((partition, stall) -> waiting.put(partition, Map.of("record", stall.record(), "since",
                stall.since().toString(), "attempts", stall.attempts(), "lastError", String.valueOf(stall.lastError()))));
        final Health.Builder health = waiting.isEmpty() ? Health.up() : Health.down().withDetail("waiting", waiting);
        return health.withDetail("pushesWaiting", pushesWaiting).build();
    }
}
