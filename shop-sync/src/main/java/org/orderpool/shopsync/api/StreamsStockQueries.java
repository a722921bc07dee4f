package org.orderpool.shopsync.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.orderpool.shopsync.domain.StockSlot;
import org.orderpool.shopsync.topology.ShopSyncTopology;
import org.orderpool.shopsync.topology.StoreKeys;

/**
 * {@link StockQueries} over Kafka Streams interactive queries on this instance's active tasks: the
 * shop's key range of the stock store ({@code stock|<shopId>|}), which holds no other shop's slots.
 */
public final class StreamsStockQueries implements StockQueries {

    private final Supplier<KafkaStreams> streams;

    public StreamsStockQueries(final Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public List<StockSlot> stock(final String shopId) {
        try {
            final KafkaStreams running = streams.get();
            if (running == null || running.state() != KafkaStreams.State.RUNNING) {
                throw new InvalidStateStoreException("Kafka Streams is " + (running == null ? "not started" : running.state()));
            }
            final ReadOnlyKeyValueStore<String, StockSlot> store = running.store(StoreQueryParameters.fromNameAndType(
                    ShopSyncTopology.STOCK_STORE, QueryableStoreTypes.keyValueStore()));
            final List<StockSlot> slots = new ArrayList<>();
            try (KeyValueIterator<String, StockSlot> range = store.range(StoreKeys.stockFrom(shopId), StoreKeys.stockEnd(shopId))) {
                range.forEachRemaining(entry -> {
                    if (shopId.equals(entry.value.shopId())) {
                        slots.add(entry.value);
                    }
                });
            }
            return slots;
        } catch (final InvalidStateStoreException e) {
            throw new OrderQueries.StoreUnavailableException("the stock store is not queryable now: " + e.getMessage(), e);
        }
    }
}
