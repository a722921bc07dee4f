package org.orderpool.intake.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.Stores;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.IntakeDecision;
import org.orderpool.intake.domain.IntakeState;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.intake.domain.OrderIntake;

/**
 * order-intake's topology: {@code shop.orders.submitted} and every shop's own
 * {@code shop.orders.submitted.<shopId>} (one pattern subscription) → decide each record on the order
 * its key names → repartition by order id, unless the record came on its order id's partition → the order's lifecycle at intake ({@link DecideOnceProcessor}:
 * the first decision, or the release of an order awaiting payment) → {@code orders.accepted} or
 * {@code orders.rejected}, and every status to {@code orders.status} (AWAITING_PAYMENT, and CANCELLED for
 * an order that was never paid, come only there); a later valid version of an accepted order to
 * {@code orders.updates}, an invalid one answered on {@code orders.status} as a refused update.
 * {@code orders.cancellations} (keyed by order id, with as
 * many partitions as the repartition) meets the same step, so an order still awaiting payment is cancelled
 * at intake at once; each Kafka-native shop's own {@code shop.orders.cancelled.<shopId>} (one pattern
 * subscription) is written to {@code orders.cancellations} under the order id its topic and key name.
 * Records that cannot be deserialised never reach it: Kafka Streams sends them to
 * {@code order-intake.dlq} with their original bytes (see ServiceRuntimeConfiguration); so does a record
 * without a key, whose processing throws.
 *
 * <p>The repartition puts every record of one order id in one task, whichever intake topic it came on
 * and however its key was serialised (the shared topic and a shop's own topic, a key with other
 * spacing or another schema id would otherwise land on other partitions, each with a deduplication
 * store that never saw the other). A record that came on the partition its order id hashes to
 * ({@link OrderIds#partitionOf}, where the gateway writes every submission) is in that task already: it
 * skips the repartition, one write and one transaction fewer before ACCEPTED. Both ways meet in one
 * sub-topology, so each task reads partition N of the intake topics, of the repartition and of
 * {@code orders.cancellations}, and owns the order ids of partition N. Deduplication keeps each decided order id for
 * {@code dedupRetention} on the pool's wall clock: a retry within that window has no effect; state
 * older than that is dropped by the window store.
 */
public final class OrderIntakeTopology {

    public static final String DEDUP_STORE = "order-intake-dedup";
    /** The due-time index of orders awaiting payment ({@link PaymentDueIndex}). */
    public static final String PAYMENT_DUE_STORE = "order-intake-payment-due";
    /** How often the orders whose payment is due are looked for: a minute, against timeouts of hours or days. */
    public static final Duration DEFAULT_PAYMENT_CHECK_EVERY = Duration.ofMinutes(1);
    /** The repartition by order id; its topic is {@code order-intake-intake-by-order-id-repartition}. */
    static final String BY_ORDER_ID = "intake-by-order-id";
    private static final String ROUTE = "intake-route-";
    private static final String HERE = "on-its-owners-task";
    private static final String ELSEWHERE = "to-its-owners-task";

    private final BoundTopics topics;
    private final OrderIntake intake;
    private final Duration dedupRetention;
    private final Duration paymentCheckEvery;

    public OrderIntakeTopology(final BoundTopics topics, final OrderIntake intake, final Duration dedupRetention) {
        this(topics, intake, dedupRetention, DEFAULT_PAYMENT_CHECK_EVERY);
    }

    public OrderIntakeTopology(final BoundTopics topics, final OrderIntake intake, final Duration dedupRetention,
                               final Duration paymentCheckEvery) {
        this.topics = topics;
        this.intake = intake;
        this.dedupRetention = dedupRetention;
        this.paymentCheckEvery = paymentCheckEvery;
    }

    public Topology build() {
        final StreamsBuilder builder = new StreamsBuilder();
        addTo(builder);
        return builder.build();
    }

    public KStream<String, IntakeDecision> addTo(final StreamsBuilder builder) {
        // No cache: one key of its own per order, so within a commit a cache coalesces nothing, and every look-up would merge
        // its range with the store's.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(DEDUP_STORE, dedupRetention, dedupRetention, false),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAYMENT_DUE_STORE),
                Serdes.String(), Serdes.String()).withCachingEnabled());

        final Map<String, KStream<String, DecideProcessor.Routed>> routes = builder
                .stream(topics.intakeTopics(), topics.consumed(Topics.SHOP_ORDERS_SUBMITTED))
                .process(() -> new DecideProcessor(intake, topics::shopOfIntakeTopic), Named.as("intake-decide"))
                .split(Named.as(ROUTE))
                .branch((orderId, routed) -> routed.onItsOwnersTask(), Branched.as(HERE))
                .defaultBranch(Branched.as(ELSEWHERE));
        // A record on its order id's partition (the gateway writes it there) is the order's own task already.
        final KStream<String, IntakeDecision> decidedHere = routes.get(ROUTE + HERE)
                .mapValues(DecideProcessor.Routed::decision, Named.as("intake-decided-here"));
        final KStream<String, IntakeDecision> movedToTheirTask = routes.get(ROUTE + ELSEWHERE)
                .mapValues(DecideProcessor.Routed::decision, Named.as("intake-decided-elsewhere"))
                .repartition(Repartitioned.with(Serdes.String(), new IntakeDecisionSerde(topics)).withName(BY_ORDER_ID)
                        .withNumberOfPartitions(Topics.ORDER_PARTITIONS));
        final KStream<String, LifecycleInput> versions = decidedHere.merge(movedToTheirTask, Named.as("intake-decided"))
                .mapValues(decision -> (LifecycleInput) new LifecycleInput.Decided(decision), Named.as("intake-version"));

        // A Kafka-native shop's own cancellations become the pool's, keyed by the order id they name.
        final String shopCancellations = topics.name(Topics.SHOP_ORDERS_CANCELLED) + ".";
        final Function<String, Optional<String>> shopOfTopic = topic -> topic != null && topic.startsWith(shopCancellations)
                ? Optional.of(topic.substring(shopCancellations.length())) : Optional.empty();
        builder.stream(Pattern.compile(Pattern.quote(shopCancellations) + "[a-z0-9-]+"), topics.consumed(Topics.SHOP_ORDERS_CANCELLED))
                .process(() -> new ShopCancellationProcessor(shopOfTopic), Named.as("intake-shop-cancellation"))
                .to(topics.name(Topics.ORDERS_CANCELLATIONS), topics.produced(Topics.ORDERS_CANCELLATIONS)
                        .withName("intake-shop-cancellation-write"));

        // orders.cancellations is keyed by order id with the same partitions, so it meets the repartition in one task.
        final KStream<String, LifecycleInput> cancellations = builder
                .stream(topics.name(Topics.ORDERS_CANCELLATIONS), topics.consumed(Topics.ORDERS_CANCELLATIONS))
                .mapValues(cancellation -> (LifecycleInput) new LifecycleInput.CancellationRequested(cancellation),
                        Named.as("intake-cancellation"));

        final KStream<String, IntakeDecision> decisions = versions.merge(cancellations, Named.as("intake-lifecycle-inputs"))
                .process(() -> new DecideOnceProcessor(dedupRetention, paymentCheckEvery), Named.as("intake-decide-once"),
                        DEDUP_STORE, PAYMENT_DUE_STORE);

        decisions.filter((orderId, decision) -> decision instanceof IntakeDecision.Accepted, Named.as("intake-accepted"))
                .mapValues(decision -> ((IntakeDecision.Accepted) decision).order(), Named.as("intake-accepted-order"))
                .to(topics.name(Topics.ORDERS_ACCEPTED), topics.produced(Topics.ORDERS_ACCEPTED));
        decisions.filter((orderId, decision) -> decision instanceof IntakeDecision.Rejected, Named.as("intake-rejected"))
                .mapValues(decision -> ((IntakeDecision.Rejected) decision).rejection(), Named.as("intake-rejection"))
                .to(topics.name(Topics.ORDERS_REJECTED), topics.produced(Topics.ORDERS_REJECTED));
        decisions.filter((orderId, decision) -> decision instanceof IntakeDecision.Updated, Named.as("intake-updated"))
                .mapValues(decision -> ((IntakeDecision.Updated) decision).update(), Named.as("intake-update"))
                .to(topics.name(Topics.ORDERS_UPDATES), topics.produced(Topics.ORDERS_UPDATES));
        decisions.filter((orderId, decision) -> decision.status() != null, Named.as("intake-announced"))
                .mapValues(IntakeDecision::status, Named.as("intake-status"))
                .to(topics.name(Topics.ORDERS_STATUS), topics.produced(Topics.ORDERS_STATUS));
        return decisions;
    }

    /** What this instance's deduplication store remembers of the order, or null when nothing. */
    public IntakeState stateOf(final ReadOnlyWindowStore<String, String> store, final String orderId, final Instant now) {
        return DecideOnceProcessor.stateOf(store, orderId, now, dedupRetention);
    }
}
