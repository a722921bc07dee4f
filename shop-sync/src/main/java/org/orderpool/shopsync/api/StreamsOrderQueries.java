package org.orderpool.shopsync.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.topology.ShopSyncTopology;
import org.orderpool.shopsync.topology.StoreKeys;

/**
 * {@link OrderQueries} over Kafka Streams interactive queries on this instance's active tasks. A page
 * reads each local partition's index separately, at most {@code limit + 1} keys from each, so a page
 * costs the same however many orders a shop has.
 */
public final class StreamsOrderQueries implements OrderQueries {

    private final Supplier<KafkaStreams> streams;
    private final String statusTopic;

    /**
     * @param statusTopic the name of orders.status here: the partitions of its tasks are the partitions of the stores
     */
    public StreamsOrderQueries(final Supplier<KafkaStreams> streams, final String statusTopic) {
        this.streams = streams;
        this.statusTopic = statusTopic;
    }

    @Override
    public Optional<OrderView> order(final String shopId, final String shopOrderRef) {
        try {
            final KafkaStreams running = running();
            final ReadOnlyKeyValueStore<String, String> lookup = store(running, ShopSyncTopology.LOOKUP_STORE, null);
            final String orderId = lookup.get(StoreKeys.ref(shopId, shopOrderRef));
            final ReadOnlyKeyValueStore<String, OrderView> orders = store(running, ShopSyncTopology.ORDER_STORE, null);
            return orderId == null ? Optional.empty()
                    : Optional.ofNullable(orders.get(orderId)).filter(view -> shopId.equals(view.shopId()));
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("the order stores are not queryable now: " + e.getMessage(), e);
        }
    }

    @Override
    public List<OrderView> page(final String shopId, final PageQuery query) {
        try {
            final KafkaStreams running = running();
            final String from = query.after() != null ? StoreKeys.updated(shopId, query.after().updatedAt(), query.after().orderId())
                    : StoreKeys.updatedFrom(shopId, query.updatedSince());
            final TreeSet<String> keys = new TreeSet<>();
            for (final int partition : localPartitions(running)) {
                final ReadOnlyKeyValueStore<String, String> index = store(running, ShopSyncTopology.LOOKUP_STORE, partition);
                int found = 0;
                try (KeyValueIterator<String, String> range = index.range(from, StoreKeys.updatedEnd(shopId))) {
                    while (range.hasNext() && found <= query.limit()) {
                        final KeyValue<String, String> entry = range.next();
                        if (!entry.key.equals(from) && (query.status() == null || query.status().name().equals(entry.value))) {
                            keys.add(entry.key);
                            found++;
                        }
                    }
                }
            }
            final ReadOnlyKeyValueStore<String, OrderView> orders = store(running, ShopSyncTopology.ORDER_STORE, null);
            final List<OrderView> page = new ArrayList<>();
            for (final String key : keys) {
                final OrderView view = orders.get(StoreKeys.orderIdOfUpdated(key));
                if (view != null && shopId.equals(view.shopId())) {
                    page.add(view);
                }
                if (page.size() > query.limit()) {
                    break;
                }
            }
            page.sort(Comparator.comparing(OrderView::updatedAt).thenComparing(OrderView::orderId));
            return page;
        } catch (final InvalidStateStoreException e) {
            throw new StoreUnavailableException("the order stores are not queryable now: " + e.getMessage(), e);
        }
    }

    private KafkaStreams running() {
        final KafkaStreams running = streams.get();
        if (running == null || running.state() != KafkaStreams.State.RUNNING) {
            throw new InvalidStateStoreException("Kafka Streams is " + (running == null ? "not started" : running.state()));
        }
        return running;
    }

    private Set<Integer> localPartitions(final KafkaStreams running) {
        final Set<Integer> partitions = new TreeSet<>();
        running.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> task.topicPartitions().forEach(
                partition -> {
                    if (partition.topic().equals(statusTopic)) {
                        partitions.add(partition.partition());
                    }
                })));
        return partitions;
    }

    private static <V> ReadOnlyKeyValueStore<String, V> store(final KafkaStreams running, final String name, final Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters = StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.keyValueStore());
        if (partition != null) {
            parameters = parameters.withPartition(partition);
        }
        return running.store(parameters);
    }
}
