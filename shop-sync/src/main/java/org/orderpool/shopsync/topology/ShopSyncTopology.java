package org.orderpool.shopsync.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.ShopDeliveryState;
import org.orderpool.contracts.WebhookEndpointState;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.JsonStateSerde;
import org.orderpool.shopsync.domain.DisabledEndpoint;
import org.orderpool.shopsync.domain.OrderView;
import org.orderpool.shopsync.domain.ShopDelivery;
import org.orderpool.shopsync.domain.ShopDeliveryTotals;
import org.orderpool.shopsync.domain.ShopDocuments;
import org.orderpool.shopsync.domain.StockSlot;
import org.orderpool.shopsync.domain.WebhookEndpoint;
import org.orderpool.shopsync.topology.SyncInput.ManifestLink;
import org.orderpool.shopsync.webhook.WebhookSender;

/**
 * shop-sync's topology: one owner per order keeps what the shop is told about it.
 *
 * <pre>
 * orders.status ─────────────────────────────────────────────────────────┐
 * orders.rejected (field-level reasons) ─────────────────────────────────┤
 * shipping.parcels ──▶ by order ──▶ shop-sync-parcels-by-order ──────────┼──▶ [order owner] ──▶ shop-sync.dlq
 * shipping.manifests ──▶ per order ──▶ shop-sync-manifests-by-order ─────┘        │ (webhooks, calls given up)
 *   stores: shop-sync-orders, -lookup, -schedule, -endpoints, -deliveries ◀────────┤
 *   each partition's delivery state per shop ──▶ shop-sync-deliveries-by-shop ──▶  │
 *     shop-sync-delivery-totals ──▶ shop-sync.delivery-state (compacted, by shop)  │
 *   wall clock: due webhooks to the WebhookSender, due platform calls to the       │
 *   PlatformCalls (shipped, cancelled, not served), old orders forgotten ──────────┘
 *
 * stock.levels (by SKU) ──▶ [stock owner] ──▶ shop-sync.dlq (stock pushes given up)
 *   stores: shop-sync-stock (a slot per shop and SKU), -stock-schedule
 *   wall clock: due slots, grouped by shop, to the PlatformCalls
 * </pre>
 *
 * <p>The two repartitions bring each order's parcels and manifest lines to the task that owns the
 * order, so every store is written by exactly one task per order and needs no locks. The stock owner is
 * a sub-topology of its own, on stock.levels' partitions: one task owns each SKU's slots of every shop.
 */
public final class ShopSyncTopology {

    /** Order id → {@link OrderView}: the view, with its webhook outbox. Queried by the shop API. */
    public static final String ORDER_STORE = "shop-sync-orders";
    /** The shop API's indexes (see {@link StoreKeys}). */
    public static final String LOOKUP_STORE = "shop-sync-lookup";
    /** When each order's next webhook is due and when each order is forgotten (see {@link StoreKeys}). */
    public static final String SCHEDULE_STORE = "shop-sync-schedule";
    /** Shop id → {@link DisabledEndpoint}: endpoints that answered 410 Gone. */
    public static final String ENDPOINT_STORE = "shop-sync-endpoints";
    /** {@code stock|<shopId>|<sku>} → {@link StockSlot}: each shop's figure of each SKU it sells. Queried by the shop API. */
    public static final String STOCK_STORE = "shop-sync-stock";
    /** When each stock slot's next push is due (see {@link StoreKeys}). */
    public static final String STOCK_SCHEDULE_STORE = "shop-sync-stock-schedule";
    /** Shop id → {@link ShopDelivery}: this partition's queues, dead letters and last attempt for the shop. */
    public static final String DELIVERY_STORE = "shop-sync-deliveries";
    /** Shop id → {@link ShopDeliveryTotals}: every partition's latest {@link ShopDelivery} of the shop. */
    public static final String DELIVERY_TOTALS_STORE = "shop-sync-delivery-totals";
    public static final String DELIVERIES_BY_SHOP = "shop-sync-deliveries-by-shop";
    public static final String PARCELS_BY_ORDER = "shop-sync-parcels-by-order";
    public static final String MANIFESTS_BY_ORDER = "shop-sync-manifests-by-order";

    private final BoundTopics topics;
    private final ShopSyncSettings settings;
    private final ShopDocuments documents;
    private final Function<String, Optional<WebhookEndpoint>> endpoints;
    private final WebhookSender sender;
    private final PlatformSide platforms;
    private final DoubleSupplier random;

    /**
     * @param endpoints each shop's webhook endpoint, empty for a shop that receives no webhooks
     * @param random    numbers in [0, 1) for the retry jitter
     */
    public ShopSyncTopology(final BoundTopics topics, final ShopSyncSettings settings, final ShopDocuments documents,
                            final Function<String, Optional<WebhookEndpoint>> endpoints, final WebhookSender sender,
                            final DoubleSupplier random) {
        this(topics, settings, documents, endpoints, sender, PlatformSide.none(), random);
    }

    private ShopSyncTopology(final BoundTopics topics, final ShopSyncSettings settings, final ShopDocuments documents,
                             final Function<String, Optional<WebhookEndpoint>> endpoints, final WebhookSender sender,
                             final PlatformSide platforms, final DoubleSupplier random) {
        this.topics = topics;
        this.settings = settings;
        this.documents = documents;
        this.endpoints = endpoints;
        this.sender = sender;
        this.platforms = platforms;
        this.random = random;
    }

    /** This topology with shops on Shopify and WooCommerce kept in step (shipments, cancellations, stock). */
    public ShopSyncTopology withPlatforms(final PlatformSide side) {
        return new ShopSyncTopology(topics, settings, documents, endpoints, sender, side, random);
    }

    public Topology build() {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder);
        return builder.build();
    }

    public void addTo(final StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORDER_STORE), Serdes.String(),
                new JsonStateSerde<>(OrderView.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LOOKUP_STORE), Serdes.String(),
                Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCHEDULE_STORE), Serdes.String(),
                Serdes.String()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENDPOINT_STORE), Serdes.String(),
                new JsonStateSerde<>(DisabledEndpoint.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DELIVERY_STORE), Serdes.String(),
                new JsonStateSerde<>(ShopDelivery.class)).withCachingEnabled());

        final KStream<String, SyncInput> statuses = builder
                .stream(topics.name(Topics.ORDERS_STATUS), topics.consumed(Topics.ORDERS_STATUS))
                .mapValues(change -> (SyncInput) new SyncInput.Status(change), Named.as("shop-sync-status-in"));
        final KStream<String, SyncInput> rejections = builder
                .stream(topics.name(Topics.ORDERS_REJECTED), topics.consumed(Topics.ORDERS_REJECTED))
                .mapValues(rejection -> (SyncInput) new SyncInput.Rejection(rejection), Named.as("shop-sync-rejection-in"));
        final KStream<String, SyncInput> parcels = builder
                .stream(topics.name(Topics.SHIPPING_PARCELS), topics.consumed(Topics.SHIPPING_PARCELS))
                .filter((parcelId, parcel) -> parcel != null, Named.as("shop-sync-parcel-present"))
                .selectKey((parcelId, parcel) -> parcel.getOrderId(), Named.as("shop-sync-parcel-by-order"))
                .repartition(Repartitioned.<String, Parcel>as(PARCELS_BY_ORDER).withKeySerde(Serdes.String())
                        .withValueSerde(topics.valueSerdeAsOn(Topics.SHIPPING_PARCELS))
                        .withNumberOfPartitions(Topics.ORDER_PARTITIONS))
                .mapValues(parcel -> (SyncInput) new SyncInput.ParcelUpdate(parcel), Named.as("shop-sync-parcel-in"));
        final KStream<String, SyncInput> manifests = builder
                .stream(topics.name(Topics.SHIPPING_MANIFESTS), topics.consumed(Topics.SHIPPING_MANIFESTS))
                .filter((manifestId, manifest) -> manifest != null, Named.as("shop-sync-manifest-present"))
                .flatMap((manifestId, manifest) -> perOrder(manifest), Named.as("shop-sync-manifest-per-order"))
                .repartition(Repartitioned.<String, ManifestLink>as(MANIFESTS_BY_ORDER).withKeySerde(Serdes.String())
                        .withValueSerde(new JsonStateSerde<>(ManifestLink.class)).withNumberOfPartitions(Topics.ORDER_PARTITIONS))
                .mapValues(link -> (SyncInput) new SyncInput.OnManifest(link), Named.as("shop-sync-manifest-in"));

        statuses.merge(rejections, Named.as("shop-sync-merge-rejections"))
                .merge(parcels, Named.as("shop-sync-merge-parcels"))
                .merge(manifests, Named.as("shop-sync-merge-manifests"))
                .process(() -> new OrderSyncProcessor(settings, documents, endpoints, sender, platforms, random),
                        Named.as("shop-sync-order-owner"), ORDER_STORE, LOOKUP_STORE, SCHEDULE_STORE, ENDPOINT_STORE, DELIVERY_STORE)
                .split(Named.as("shop-sync-owner-"))
                .branch((key, output) -> output instanceof OwnerOutput.DeadLetter, Branched.withConsumer(deadLetters -> deadLetters
                        .mapValues(output -> ((OwnerOutput.DeadLetter) output).value(), Named.as("shop-sync-dead-letter-value"))
                        .to(topics.name(Topics.SHOP_SYNC_DLQ), topics.produced(Topics.SHOP_SYNC_DLQ).withName("shop-sync-dead-letters")),
                        "dead-letters"))
                .defaultBranch(Branched.withConsumer(this::publishDeliveryState, "deliveries"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK_STORE), Serdes.String(),
                new JsonStateSerde<>(StockSlot.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STOCK_SCHEDULE_STORE), Serdes.String(),
                Serdes.String()).withCachingEnabled());
        builder.stream(topics.name(Topics.STOCK_LEVELS), topics.consumed(Topics.STOCK_LEVELS))
                .process(() -> new StockSyncProcessor(settings.sendEvery(), platforms, random), Named.as("shop-sync-stock-owner"),
                        STOCK_STORE, STOCK_SCHEDULE_STORE)
                .to(topics.name(Topics.SHOP_SYNC_DLQ), topics.produced(Topics.SHOP_SYNC_DLQ).withName("shop-sync-stock-dead-letters"));
    }

    /**
     * Each partition's delivery state of a shop, brought together by shop id: the totals of every partition, as one
     * {@link ShopDeliveryState} per shop on the compacted shop-sync.delivery-state.
     */
    private void publishDeliveryState(final KStream<byte[], OwnerOutput> partials) {
        partials.map((key, output) -> {
            final ShopDelivery state = ((OwnerOutput.Delivery) output).state();
            return KeyValue.pair(state.shopId(), state);
        }, Named.as("shop-sync-delivery-by-shop"))
                .groupByKey(Grouped.with(DELIVERIES_BY_SHOP, Serdes.String(), new JsonStateSerde<>(ShopDelivery.class)))
                .aggregate(ShopDeliveryTotals::none, (shopId, partial, totals) -> totals.with(partial),
                        Named.as("shop-sync-delivery-totals"),
                        Materialized.<String, ShopDeliveryTotals, KeyValueStore<Bytes, byte[]>>as(DELIVERY_TOTALS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(new JsonStateSerde<>(ShopDeliveryTotals.class)))
                .toStream(Named.as("shop-sync-delivery-changes"))
                .mapValues(totals -> deliveryState(totals.summary()), Named.as("shop-sync-delivery-state-value"))
                .to(topics.name(Topics.SHOP_SYNC_DELIVERY_STATE),
                        topics.produced(Topics.SHOP_SYNC_DELIVERY_STATE).withName("shop-sync-delivery-state"));
    }

    static ShopDeliveryState deliveryState(final ShopDeliveryTotals.Summary summary) {
        return ShopDeliveryState.newBuilder()
                .setShopId(summary.shopId())
                .setEndpointState(WebhookEndpointState.valueOf(summary.endpointState().name()))
                .setLastAttemptAt(summary.lastAttemptAt())
                .setLastAttemptOutcome(summary.lastAttemptOutcome())
                .setLastAttemptDelivered(summary.lastAttemptDelivered())
                .setLastDeliveredAt(summary.lastDeliveredAt())
                .setFailingSince(summary.failingSince())
                .setDisabledAt(summary.disabledAt())
                .setQueuedWebhooks(summary.queuedWebhooks())
                .setQueuedPlatformCalls(summary.queuedCalls())
                .setDeadLettered(summary.deadLettered())
                .setUpdatedAt(summary.updatedAt())
                .build();
    }

    /** A manifest as one link per order it carries parcels of. */
    static Iterable<KeyValue<String, ManifestLink>> perOrder(final ShipmentManifest manifest) {
        final Map<String, List<ManifestLink.LinkedParcel>> byOrder = new LinkedHashMap<>();
        manifest.getParcels().forEach(parcel -> byOrder.computeIfAbsent(parcel.getOrderId(), order -> new ArrayList<>())
                .add(new ManifestLink.LinkedParcel(parcel.getParcelId(), parcel.getShopId(), parcel.getServiceCode(),
                        parcel.getTrackingReference())));
        return byOrder.entrySet().stream().map(entry -> KeyValue.pair(entry.getKey(), new ManifestLink(manifest.getManifestId(),
                manifest.getCarrierId(), manifest.getCutOffAt(), entry.getValue()))).toList();
    }
}
