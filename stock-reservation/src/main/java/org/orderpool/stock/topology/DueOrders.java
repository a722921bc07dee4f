package org.orderpool.stock.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The order owner's due-time index, so a punctuation visits only the orders whose time has come: one
 * entry per order that waits for the clock, keyed by kind, zero-padded epoch millis and order id (the
 * store's byte order is then time order), with an empty value. A backordered order is indexed by the
 * end of its wait, a settled order (and a cancellation for an order not seen yet) by the time it
 * settled, so a change of the retention applies to every settled order at once. Pending and reserved
 * orders wait for events, not for the clock, and have no entry. The owner keeps one entry per stored
 * order at most and removes it with the order, so the index is bounded as the orders are.
 */
final class DueOrders {

    /** What the clock does to an order. */
    enum Kind {
        /** A backorder whose wait reaches the shop's limit: it ends OUT_OF_STOCK. */
        WAIT_ENDS('W'),
        /** A settled order: forgotten once the retention has passed. */
        SETTLED('S');

        private final char prefix;

        Kind(final char prefix) {
            this.prefix = prefix;
        }
    }

    /** When an order is due, and for what. */
    record Due(Kind kind, long atMillis) {
    }

    /** One entry of the index. */
    record Entry(String orderId, Due due) {
    }

    private static final int DIGITS = 19;
    private static final byte[] NOTHING = new byte[0];
    /** Sorts after every entry; present once the orders stored before the index existed are indexed. */
    private static final String INDEXED = "~indexed";

    private final KeyValueStore<String, byte[]> store;

    DueOrders(final KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** When the clock next concerns an order as stored, if it does. */
    static Optional<Due> of(final OrderProcessor.StoredOrder stored) {
        if (stored == null) {
            return Optional.empty();
        }
        if (stored.reservation() == null || stored.reservation().state().isSettled()) {
            return Optional.of(new Due(Kind.SETTLED, stored.updatedAt()));
        }
        return stored.reservation().waitEndsAt().map(end -> new Due(Kind.WAIT_ENDS, end.toEpochMilli()));
    }

    /** Moves the order's entry from what {@code before} was due for to what {@code after} is due for. */
    void update(final String orderId, final OrderProcessor.StoredOrder before, final OrderProcessor.StoredOrder after) {
        final Optional<Due> was = of(before);
        final Optional<Due> is = of(after);
        if (!was.equals(is)) {
            was.ifPresent(due -> store.delete(key(due, orderId)));
            is.ifPresent(due -> store.put(key(due, orderId), NOTHING));
        }
    }

    /** The entries of {@code kind} due strictly before {@code millis}, earliest first. */
    List<Entry> dueBefore(final Kind kind, final long millis) {
        final List<Entry> due = new ArrayList<>();
        final String from = String.valueOf(kind.prefix);
        // The bound has no order id, so an entry due exactly at millis sorts after it and is left out.
        try (KeyValueIterator<String, byte[]> entries = store.range(from, from + digits(millis))) {
            entries.forEachRemaining(entry -> due.add(new Entry(entry.key.substring(DIGITS + 2),
                    new Due(kind, Long.parseLong(entry.key.substring(1, DIGITS + 1))))));
        }
        return due;
    }

    void remove(final Entry entry) {
        store.delete(key(entry.due(), entry.orderId()));
    }

    /**
     * Indexes orders stored before this index existed (a state directory or changelog of an earlier
     * version), once in the life of the store: afterwards {@link #update} keeps it complete.
     */
    void indexOnce(final KeyValueStore<String, OrderProcessor.StoredOrder> orders) {
        if (store.get(INDEXED) != null) {
            return;
        }
        try (KeyValueIterator<String, OrderProcessor.StoredOrder> all = orders.all()) {
            while (all.hasNext()) {
                final KeyValue<String, OrderProcessor.StoredOrder> entry = all.next();
                of(entry.value).ifPresent(due -> store.put(key(due, entry.key), NOTHING));
            }
        }
        store.put(INDEXED, NOTHING);
    }

    static String key(final Due due, final String orderId) {
        return due.kind().prefix + digits(due.atMillis()) + "/" + orderId;
    }

    private static String digits(final long millis) {
        return String.format("%0" + DIGITS + "d", Math.max(0, millis));
    }
}
