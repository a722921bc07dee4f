package org.orderpool.fraud.topology;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.fraud.domain.DisputeMark;
import org.orderpool.fraud.domain.History;
import org.orderpool.fraud.domain.Observation;
import org.orderpool.fraud.domain.PoolView;
import org.orderpool.runtime.JsonStateSerde;

/**
 * fraud-check's topology. Accepted orders (one partition, {@link Topics#POOL_PARTITIONS}, read directly), and operators'
 * review decisions, shops' updates and payment disputes (each through a one-partition repartition) meet in one task, so the
 * pool view sees every shop's orders: that is the point of pooling fraud detection, and at the pool's volume (a few
 * thousand orders a day) one task has ample room.
 * Allow and block lists are a global table of the compacted {@code fraud.lists}. Every store is bounded
 * ({@link FraudSettings} for the assessed orders a dispute may come for, whose last {@link PoolView#MEMORY} the count
 * rules read, for the histories of e-mails, cards and addresses, one entry per key and day, for blocked order ids,
 * and for the disputes recorded under cards, e-mails and addresses),
 * on pool time: an order's time is when order-intake accepted it, a review decision's when fraud-check
 * read it; no record timestamp a shop chose reaches a store or a topic fraud-check writes.
 *
 * <pre>
 * orders.accepted ────────┐                                      ┌─▶ fraud.assessments
 * fraud.review-decisions ─┤                                      │
 * orders.updates ─────────┤
 * fraud.disputes ─────────┴─▶ [pool view + review queue] ◀─ fraud.lists ├─▶ orders.cleared
 *                                                                └─▶ orders.status
 * </pre>
 */
public final class FraudCheckTopology {

    /**
     * Before 2026-12-08, each order's observation for the count rules' day, by order id: read (never written) when the pool's
     * task starts, so that an upgraded pool remembers the day before it; to be removed in a release after 2026-12-10 (the
     * README's "Upgrading a running pool"). The observations are in {@link #ASSESSED_ORDER_STORE} since.
     */
    public static final String LEGACY_OBSERVATION_STORE = "fraud-observations";
    public static final String HISTORY_STORE = "fraud-histories";
    /**
     * Before 2026-12-02, the orders fraud-check assessed, by order id: read (never written) for the decided retention after
     * an upgrade, since a version before {@link #ASSESSED_ORDER_STORE} existed kept no identities for them; to be removed
     * in a release after 2026-12-09 (the README's "Upgrading a running pool").
     */
    public static final String LEGACY_DECIDED_STORE = "fraud-decided";
    public static final String BASKET_STORE = "fraud-shop-baskets";
    public static final String REVIEW_STORE = "fraud-reviews";
    public static final String HELD_ORDER_STORE = "fraud-held-orders";
    public static final String LIST_STORE = "fraud-lists";
    /** Orders fraud-check blocked, the version it blocked, for the decided retention: an update of one is refused. */
    public static final String BLOCKED_STORE = "fraud-blocked-orders";
    /** Updates of orders fraud-check has not assessed yet, for the decided retention. */
    public static final String EARLY_UPDATE_STORE = "fraud-early-updates";
    /**
     * Each assessed order, by order id, for the disputed-order memory ({@link FraudSettings#assessedOrderMemory()}): its
     * observation, which the count rules' index is built from when the pool's task starts (the last
     * {@link PoolView#MEMORY} of it), and its card, e-mail and address, which a dispute of it finds here; an order found
     * here within the decided retention was assessed already (the same order again is not assessed twice; before
     * 2026-12-02 a store of its own, {@code fraud-decided}, said so). Its name is from when it kept the identities alone
     * (before 2026-12-08): the name, the retention and so the segments are unchanged, so a running pool upgrades in place.
     */
    public static final String ASSESSED_ORDER_STORE = "fraud-order-identities";
    /** The disputes recorded under cards, e-mails and addresses ("card:fp"), for the dispute rule's window. */
    public static final String DISPUTE_STORE = "fraud-disputes";
    private static final String POOL = "pool";

    private final BoundTopics topics;
    private final FraudSettings settings;

    public FraudCheckTopology(final BoundTopics topics, final FraudSettings settings) {
        this.topics = topics;
        this.settings = settings;
    }

    public Topology build() {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder);
        return builder.build();
    }

    /** Adds the service's processing to {@code builder}; returns the status changes it writes to {@code orders.status}. */
    public KStream<String, OrderStatusChange> addTo(final StreamsBuilder builder) {
        builder.globalTable(topics.name(Topics.FRAUD_LISTS), topics.consumed(Topics.FRAUD_LISTS),
                Materialized.<FraudListKey, FraudListEntry, KeyValueStore<Bytes, byte[]>>as(LIST_STORE)
                        .withKeySerde(topics.keySerde(Topics.FRAUD_LISTS)).withValueSerde(topics.valueSerde(Topics.FRAUD_LISTS)));
        // Read, never written (LEGACY_OBSERVATION_STORE). Duplicates retained as before 2026-12-02, when it held one record per
        // trait key.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(LEGACY_OBSERVATION_STORE, PoolView.MEMORY,
                Duration.ofMillis(1), true), Serdes.String(), FraudStateSerdes.observations()));
        // No cache: three keys of their own per order (its e-mail, card and address), so within a commit a cache coalesces
        // next to nothing (3.0 changelog writes per order with it or without), and every look-up would merge its range with
        // the store's (docs/performance.md, "the stores' caches").
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(HISTORY_STORE, settings.historyRetention(),
                Duration.ofMillis(1), false), Serdes.String(), FraudStateSerdes.histories()));
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(LEGACY_DECIDED_STORE, settings.decidedRetention(),
                settings.decidedRetention(), false), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BASKET_STORE), Serdes.String(),
                FraudStateSerdes.baskets()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REVIEW_STORE), Serdes.String(),
                new JsonStateSerde<>(FraudProcessor.PendingReview.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HELD_ORDER_STORE), Serdes.String(),
                topics.valueSerdeAsOn(Topics.ORDERS_ACCEPTED)).withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(BLOCKED_STORE, settings.decidedRetention(),
                settings.decidedRetention(), false), Serdes.String(), topics.valueSerdeAsOn(Topics.ORDERS_ACCEPTED)).withCachingEnabled());
        // Duplicates retained: two updates of one order read in the same millisecond are two updates.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(EARLY_UPDATE_STORE, settings.decidedRetention(),
                settings.decidedRetention(), true), Serdes.String(), topics.valueSerdeAsOn(Topics.ORDERS_UPDATES)));

        // One record per order, keyed by order id, naming all its traits; the count rules read an index of its last day in
        // memory (ObservationIndex). No cache: each order id is written once, and a cache would keep serving an entry its
        // segment has dropped.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(ASSESSED_ORDER_STORE,
                settings.assessedOrderMemory(), Duration.ofMillis(1), false), Serdes.String(), FraudStateSerdes.assessedOrders()));
        // Duplicates retained: two disputes of one card reported in the same millisecond are two disputes.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(DISPUTE_STORE, settings.disputeRetention(),
                Duration.ofMillis(1), true), Serdes.String(), new JsonStateSerde<>(DisputeMark.class)));

        // orders.accepted has one partition (Topics.POOL_PARTITIONS): the pool task reads it directly, in the hop that wrote it.
        final KStream<String, FraudProcessor.Input> accepted = builder
                .stream(topics.name(Topics.ORDERS_ACCEPTED), topics.consumed(Topics.ORDERS_ACCEPTED)
                        .withTimestampExtractor(new AcceptedAtTimestampExtractor()))
                .mapValues(order -> (FraudProcessor.Input) new FraudProcessor.Input.Accepted(order), Named.as("fraud-accepted-in"));
        final KStream<String, FraudProcessor.Input> decisions = builder
                .stream(topics.name(Topics.FRAUD_REVIEW_DECISIONS), topics.consumed(Topics.FRAUD_REVIEW_DECISIONS)
                        .withTimestampExtractor(new WallclockTimestampExtractor()))
                .selectKey((orderId, decision) -> POOL, Named.as("fraud-to-pool-decision"))
                .repartition(Repartitioned.with(Serdes.String(), topics.valueSerdeAsOn(Topics.FRAUD_REVIEW_DECISIONS))
                        .withName("fraud-pool-decisions").withNumberOfPartitions(1))
                .mapValues(decision -> (FraudProcessor.Input) new FraudProcessor.Input.Decided(decision), Named.as("fraud-decision-in"));
        // A shop's update meets its order's review and block where they are kept: in the pool task.
        final KStream<String, FraudProcessor.Input> updates = builder
                .stream(topics.name(Topics.ORDERS_UPDATES), topics.consumed(Topics.ORDERS_UPDATES)
                        .withTimestampExtractor(new WallclockTimestampExtractor()))
                .selectKey((orderId, update) -> POOL, Named.as("fraud-to-pool-update"))
                .repartition(Repartitioned.with(Serdes.String(), topics.valueSerdeAsOn(Topics.ORDERS_UPDATES))
                        .withName("fraud-pool-updates").withNumberOfPartitions(1))
                .mapValues(update -> (FraudProcessor.Input) new FraudProcessor.Input.Updated(update), Named.as("fraud-update-in"));
        // A dispute meets the disputed order's identities where they are kept: in the pool task. Its time is receivedAt.
        final KStream<String, FraudProcessor.Input> disputes = builder
                .stream(topics.name(Topics.FRAUD_DISPUTES), topics.consumed(Topics.FRAUD_DISPUTES)
                        .withTimestampExtractor(new WallclockTimestampExtractor()))
                .selectKey((orderId, dispute) -> POOL, Named.as("fraud-to-pool-dispute"))
                .repartition(Repartitioned.with(Serdes.String(), topics.valueSerdeAsOn(Topics.FRAUD_DISPUTES))
                        .withName("fraud-pool-disputes").withNumberOfPartitions(1))
                .mapValues(dispute -> (FraudProcessor.Input) new FraudProcessor.Input.Disputed(dispute), Named.as("fraud-dispute-in"));
        final KStream<String, FraudProcessor.Output> out = accepted.merge(decisions, Named.as("fraud-inputs"))
                .merge(updates, Named.as("fraud-inputs-2"))
                .merge(disputes, Named.as("fraud-inputs-3"))
                .process(() -> new FraudProcessor(settings), Named.as("fraud-pool-view"), ASSESSED_ORDER_STORE, HISTORY_STORE,
                        BASKET_STORE, REVIEW_STORE, HELD_ORDER_STORE, BLOCKED_STORE, EARLY_UPDATE_STORE, DISPUTE_STORE,
                        LEGACY_OBSERVATION_STORE, LEGACY_DECIDED_STORE);
        topics.route(out, FraudProcessor.Output.Scored.class, FraudProcessor.Output.Scored::assessment, Topics.FRAUD_ASSESSMENTS, "fraud-scores");
        topics.route(out.filter((orderId, output) -> !(output instanceof FraudProcessor.Output.Cleared cleared && cleared.atItsSku()),
                Named.as("fraud-cleared-by-order")), FraudProcessor.Output.Cleared.class, FraudProcessor.Output.Cleared::order,
                Topics.ORDERS_CLEARED, "fraud-cleared");
        // An order with one SKU cleared at once goes to its SKU's partition: its stock owner reserves it where it reads it.
        out.filter((orderId, output) -> output instanceof FraudProcessor.Output.Cleared cleared && cleared.atItsSku(),
                        Named.as("fraud-cleared-at-sku"))
                .mapValues(output -> ((FraudProcessor.Output.Cleared) output).order(), Named.as("fraud-cleared-at-sku-value"))
                .to(topics.name(Topics.ORDERS_CLEARED), topics.produced(Topics.ORDERS_CLEARED).withName("fraud-cleared-at-sku-write")
                        .withStreamPartitioner(ClearedOrderPartitions.bySku()));
        return topics.route(out, FraudProcessor.Output.Status.class, FraudProcessor.Output.Status::change, Topics.ORDERS_STATUS,
                "fraud-statuses");
    }
}
