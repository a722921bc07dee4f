package org.orderpool.intake.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The due-time index of orders awaiting payment, so a punctuation visits only the orders whose payment is
 * due: one entry per waiting order, keyed by the zero-padded epoch millis of its due time and its order id
 * (the store's byte order is then time order), with an empty value. An entry is added when an order starts
 * waiting and removed when it leaves AWAITING_PAYMENT, so the index is as bounded as the waiting orders.
 */
final class PaymentDueIndex {

    /** One entry: the order and when its payment is due. */
    record Entry(String orderId, Instant dueAt) {
    }

    private static final int DIGITS = 19;

    private final KeyValueStore<String, String> store;

    PaymentDueIndex(final KeyValueStore<String, String> store) {
        this.store = store;
    }

    void add(final String orderId, final Instant dueAt) {
        store.put(key(orderId, dueAt), "");
    }

    void remove(final String orderId, final Instant dueAt) {
        store.delete(key(orderId, dueAt));
    }

    /** The entries due at or before {@code now}, earliest first, at most {@code limit} of them. */
    List<Entry> dueBy(final Instant now, final int limit) {
        final List<Entry> due = new ArrayList<>();
        // The keys of orders due at `now` sort before the bare digits of now + 1 ms, which no key equals.
        try (KeyValueIterator<String, String> entries = store.range(digits(0), digits(now.toEpochMilli() + 1))) {
            while (entries.hasNext() && due.size() < limit) {
                final KeyValue<String, String> entry = entries.next();
                final Instant dueAt = Instant.ofEpochMilli(Long.parseLong(entry.key.substring(0, DIGITS)));
                due.add(new Entry(entry.key.substring(DIGITS + 1), dueAt));
            }
        }
        return due;
    }

    private static String key(final String orderId, final Instant dueAt) {
        return digits(dueAt.toEpochMilli()) + "|" + orderId;
    }

    private static String digits(final long epochMillis) {
        return String.format(Locale.ROOT, "%0" + DIGITS + "d", epochMillis);
    }
}
