package org.orderpool.stock.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.orderpool.stock.domain.HoldBook;

/** A SKU's holds in the {@code stock-holds} store, one entry per order, keyed {@code <sku> NUL <orderId>}. */
final class StoreHoldBook implements HoldBook {

    private static final char SEPARATOR = '\u0000';

    private final KeyValueStore<String, Hold> store;
    private final String sku;

    StoreHoldBook(final KeyValueStore<String, Hold> store, final String sku) {
        this.store = store;
        this.sku = sku;
    }

    @Override
    public Optional<Hold> get(final String orderId) {
        return Optional.ofNullable(store.get(key(orderId)));
    }

    @Override
    public void put(final String orderId, final Hold hold) {
        store.put(key(orderId), hold);
    }

    @Override
    public void remove(final String orderId) {
        store.delete(key(orderId));
    }

    @Override
    public Map<String, Hold> all() {
        final Map<String, Hold> holds = new LinkedHashMap<>();
        try (KeyValueIterator<String, Hold> entries = store.prefixScan(sku + SEPARATOR, new StringSerializer())) {
            entries.forEachRemaining(entry -> holds.put(entry.key.substring(sku.length() + 1), entry.value));
        }
        return holds;
    }

    private String key(final String orderId) {
        return sku + SEPARATOR + orderId;
    }
}
