package org.orderpool.shipping.topology;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which orders a slot owner holds parcels of, by slot and cut-off, or waiting for their carrier (cut-off 0, as a
 * {@link SlotProcessor.SlotOrder} says): what a cut-off, a calendar change or a pause looks up, so that it reads only the
 * orders it moves. It lives in memory beside the slot-order store, which keeps the parcels, and is built from that
 * store when the task starts; settled orders (manifested, withdrawn) are not in it, so it holds no more than the
 * parcels waiting to leave.
 */
final class HeldOrders {

    private record Place(String slotKey, long cutOffAt) {
    }

    private final Map<Place, Set<String>> orders = new HashMap<>();

    /** Notes where {@code orderId} moved from {@code before} (null: new) to {@code after} (null: gone). */
    void move(final String orderId, final SlotProcessor.SlotOrder before, final SlotProcessor.SlotOrder after) {
        final Place from = placeOf(before);
        final Place to = placeOf(after);
        if (from != null && !from.equals(to)) {
            forget(orderId, from.slotKey(), from.cutOffAt());
        }
        if (to != null) {
            orders.computeIfAbsent(to, place -> new LinkedHashSet<>()).add(orderId);
        }
    }

    /** Forgets that {@code orderId} is at {@code slotKey}'s cut-off at {@code cutOffAt} (0: waiting). */
    void forget(final String orderId, final String slotKey, final long cutOffAt) {
        final Place place = new Place(slotKey, cutOffAt);
        final Set<String> there = orders.get(place);
        if (there != null && there.remove(orderId) && there.isEmpty()) {
            orders.remove(place);
        }
    }

    /** The orders booked on {@code slotKey}'s cut-off at {@code cutOffAt} (epoch millis), or waiting when it is 0. */
    List<String> at(final String slotKey, final long cutOffAt) {
        final Set<String> found = orders.get(new Place(slotKey, cutOffAt));
        return found == null ? List.of() : List.copyOf(found);
    }

    /** How many orders hold parcels. */
    int size() {
        return orders.values().stream().mapToInt(Set::size).sum();
    }

    private static Place placeOf(final SlotProcessor.SlotOrder order) {
        if (order == null) {
            return null;
        }
        return switch (order.state()) {
            case PENDING -> new Place(order.slotKey(), order.cutOffAt());
            case WAITING -> new Place(order.slotKey(), 0L);
            case MANIFESTED, WITHDRAWN -> null;
        };
    }
}
