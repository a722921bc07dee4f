package org.orderpool.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.StatusFollower;

/**
 * What a run knows of {@code orders.status} while it goes on: each order's history, and a call when an
 * order is first held for review, which is how ops in the run learn of it.
 */
final class StatusTail implements AutoCloseable {

    private final Map<String, List<OrderStatus>> histories = new ConcurrentHashMap<>();
    private final Map<String, Long> settledAt = new ConcurrentHashMap<>();
    private final StatusFollower follower;
    private volatile Consumer<String> onHeld = orderId -> { };

    StatusTail(final KafkaPlatform platform, final BoundTopics topics) {
        this.follower = new StatusFollower(platform, topics, this::record);
    }

    void onHeld(final Consumer<String> action) {
        this.onHeld = action;
    }

    /** Whether every order has a terminal status; throws if the follower stopped on an error (it would never be true). */
    boolean allTerminal(final Collection<String> orderIds) {
        follower.throwIfFailed();
        return orderIds.stream().allMatch(id -> history(id).stream().anyMatch(InvariantChecker.TERMINAL::contains));
    }

    /** Whether every order has a terminal status or, as its latest, {@code status}. */
    boolean allTerminalOr(final Collection<String> orderIds, final OrderStatus status) {
        follower.throwIfFailed();
        return orderIds.stream().map(this::history).allMatch(history -> !history.isEmpty()
                && (history.stream().anyMatch(InvariantChecker.TERMINAL::contains) || history.get(history.size() - 1) == status));
    }

    /** How the orders ended (their last status; still open ones under theirs). */
    Map<OrderStatus, Long> outcomes(final Collection<String> orderIds) {
        final Map<OrderStatus, Long> outcomes = new EnumMap<>(OrderStatus.class);
        for (final String orderId : orderIds) {
            final List<OrderStatus> history = history(orderId);
            if (!history.isEmpty()) {
                outcomes.merge(history.get(history.size() - 1), 1L, Long::sum);
            }
        }
        return outcomes;
    }

    /** When each order's first terminal status became visible ({@link System#nanoTime()}). */
    Map<String, Long> settledAt() {
        return Map.copyOf(settledAt);
    }

    private void record(final OrderStatusChange change, final long seenAtNanos) {
        final List<OrderStatus> history = histories.computeIfAbsent(change.getOrderId(), id -> new ArrayList<>());
        synchronized (history) {
            history.add(change.getStatus());
        }
        if (InvariantChecker.TERMINAL.contains(change.getStatus())) {
            settledAt.putIfAbsent(change.getOrderId(), seenAtNanos);
        }
        if (change.getStatus() == OrderStatus.IN_REVIEW) {
            onHeld.accept(change.getOrderId());
        }
    }

    private List<OrderStatus> history(final String orderId) {
        final List<OrderStatus> history = histories.getOrDefault(orderId, List.of());
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
