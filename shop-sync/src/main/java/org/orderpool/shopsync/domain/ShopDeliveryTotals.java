package org.orderpool.shopsync.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A shop's delivery state over every partition of the order owner: the latest of each partition's
 * {@link ShopDelivery} (at most one per partition, so bounded by the partition count), and what they say
 * together ({@link #summary()}).
 */
public record ShopDeliveryTotals(List<ShopDelivery> partitions) {

    /** How a shop's webhook endpoint answers, over all partitions. */
    public enum EndpointState { ENABLED, FAILING, DISABLED }

    /** What the partitions say together about one shop. */
    public record Summary(String shopId, EndpointState endpointState, Instant lastAttemptAt, String lastAttemptOutcome,
                          boolean lastAttemptDelivered, Instant lastDeliveredAt, Instant failingSince, Instant disabledAt,
                          int queuedWebhooks, int queuedCalls, long deadLettered, Instant updatedAt) {
    }

    public ShopDeliveryTotals {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    public static ShopDeliveryTotals none() {
        return new ShopDeliveryTotals(List.of());
    }

    /** These totals with one partition's newer state in place of its older one. */
    public ShopDeliveryTotals with(final ShopDelivery partial) {
        final List<ShopDelivery> next = new ArrayList<>(partitions.stream().filter(p -> p.partition() != partial.partition()).toList());
        next.add(partial);
        next.sort(Comparator.comparingInt(ShopDelivery::partition));
        return new ShopDeliveryTotals(next);
    }

    /**
     * The shop's state: queues and dead letters added up; the last attempt the latest of any partition; the endpoint
     * DISABLED while a partition holds a 410 Gone newer than the last delivery, FAILING when the latest attempt failed
     * (since the earliest failure after the last delivery), ENABLED otherwise.
     */
    public Summary summary() {
        if (partitions.isEmpty()) {
            throw new IllegalStateException("no partition has reported yet");
        }
        final String shopId = partitions.get(0).shopId();
        final Instant lastDelivered = latest(partitions.stream().map(ShopDelivery::lastDeliveredAt).toList());
        final ShopDelivery lastAttempt = partitions.stream().filter(p -> p.lastAttemptAt() != null)
                .max(Comparator.comparing(ShopDelivery::lastAttemptAt)).orElse(null);
        final Instant disabledAt = latest(partitions.stream().map(ShopDelivery::disabledAt)
                .filter(at -> at != null && (lastDelivered == null || at.isAfter(lastDelivered))).toList());
        final boolean failing = lastAttempt != null && !lastAttempt.lastAttemptDelivered();
        final Instant failingSince = !failing ? null : partitions.stream().map(ShopDelivery::failingSince)
                .filter(at -> at != null && (lastDelivered == null || at.isAfter(lastDelivered)))
                .min(Comparator.naturalOrder()).orElse(lastAttempt.lastAttemptAt());
        final EndpointState state = disabledAt != null ? EndpointState.DISABLED : failing ? EndpointState.FAILING : EndpointState.ENABLED;
        return new Summary(shopId, state, lastAttempt == null ? null : lastAttempt.lastAttemptAt(),
                lastAttempt == null ? null : lastAttempt.lastAttemptOutcome(), lastAttempt != null && lastAttempt.lastAttemptDelivered(),
                lastDelivered, failingSince, disabledAt, partitions.stream().mapToInt(ShopDelivery::queuedWebhooks).sum(),
                partitions.stream().mapToInt(ShopDelivery::queuedCalls).sum(), partitions.stream().mapToLong(ShopDelivery::deadLettered).sum(),
                latest(partitions.stream().map(ShopDelivery::updatedAt).toList()));
    }

    private static Instant latest(final List<Instant> instants) {
        return instants.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }
}
