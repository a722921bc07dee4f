package org.orderpool.fraud.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.AssessmentSummary;
import org.orderpool.contracts.AuthorisationStatus;
import org.orderpool.contracts.Clearance;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Customer;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.FraudListAction;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListEntryType;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.RiskReason;
import org.orderpool.contracts.ThreeDSecureResult;
import org.orderpool.fraud.domain.AssessedOrder;
import org.orderpool.fraud.domain.Assessment;
import org.orderpool.fraud.domain.DisputeMark;
import org.orderpool.fraud.domain.History;
import org.orderpool.fraud.domain.ListEntry;
import org.orderpool.fraud.domain.Observation;
import org.orderpool.fraud.domain.ObservationIndex;
import org.orderpool.fraud.domain.OrderFacts;
import org.orderpool.fraud.domain.OrderIdentities;
import org.orderpool.fraud.domain.PoolView;
import org.orderpool.fraud.domain.Readable;
import org.orderpool.fraud.domain.RiskScorer;
import org.orderpool.fraud.domain.RiskSignals;
import org.orderpool.fraud.domain.ShopBasket;
import org.orderpool.fraud.domain.Trait;
import org.orderpool.fraud.domain.UpdateAtFraudCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's view of fraud, in one task so that it sees every shop's orders: remembers each order for
 * a day under its card, e-mail, IP, address and BIN (those the rules count), and for a year in the history
 * of its e-mail, card and address; scores it, and holds risky ones for an operator, who
 * approves or blocks them; a review that waits past the shop's limit is decided by the shop's policy.
 * A shop's payment dispute of an order is recorded under that order's card, e-mail and address, for the dispute rule.
 * Windows and stores run on pool time ({@link #poolTime}); a review's time limit runs on fraud-check's
 * wall clock from when the order was held (the operator's time starts when it reaches the queue), and so
 * does a list entry's expiry.
 */
final class FraudProcessor implements Processor<String, FraudProcessor.Input, String, FraudProcessor.Output> {

    private static final Logger LOG = LoggerFactory.getLogger(FraudProcessor.class);
    static final String SOURCE = "fraud-check";
    /** The metric (…-total, …-rate) counting disputes of orders the pool never saw or has forgotten. */
    static final String UNKNOWN_ORDER_DISPUTES = "dispute-of-unknown-order";
    /** The metric (…-total, …-rate) counting orders of the last 25 h the count rules forgot because their index was full. */
    static final String FORGOTTEN_FOR_CAPACITY = "observations-forgotten-for-capacity";
    /** At most this many disputes are read under one card, e-mail or address for an order. */
    static final int DISPUTE_READ_LIMIT = 20;

    /** What reaches the pool view. */
    sealed interface Input {
        record Accepted(Order order) implements Input {
        }

        record Decided(ReviewDecision decision) implements Input {
        }

        record Updated(OrderUpdate update) implements Input {
        }

        record Disputed(OrderDispute dispute) implements Input {
        }
    }

    /** What it says, keyed by order id. */
    sealed interface Output {
        record Scored(FraudAssessment assessment) implements Output {
        }

        /**
         * A cleared order; {@code atItsSku} for an order with one SKU cleared at once with no update waiting for it, written to
         * its SKU's partition so that the SKU's stock owner reserves it where it reads it ({@link ClearedOrderPartitions}).
         */
        record Cleared(ClearedOrder order, boolean atItsSku) implements Output {
        }

        record Status(OrderStatusChange change) implements Output {
        }
    }

    /** An order waiting for an operator, and the shop's updates of it that came meanwhile (null in a review stored before). */
    record PendingReview(String orderId, String shopId, String shopOrderRef, long heldAtMillis, int score,
                         List<UpdateAtFraudCheck.Held> updates) {

        List<UpdateAtFraudCheck.Held> heldUpdates() {
            return updates == null ? List.of() : updates;
        }
    }

    private final FraudSettings settings;
    private final RiskScorer scorer = new RiskScorer();
    private ProcessorContext<String, Output> context;
    private WindowStore<String, Observation> legacyObservations;
    private WindowStore<String, History> histories;
    private KeyValueStore<String, ShopBasket> baskets;
    private KeyValueStore<String, PendingReview> reviews;
    private KeyValueStore<String, Order> heldOrders;
    private WindowStore<String, Order> blocked;
    private WindowStore<String, OrderUpdate> earlyUpdates;
    private WindowStore<String, AssessedOrder> assessedOrders;
    private WindowStore<String, String> legacyDecided;
    private WindowStore<String, DisputeMark> disputes;
    private Sensor unknownDisputes;
    private Sensor forgottenForCapacity;
    private long forgottenSeen;
    private ReadOnlyKeyValueStore<FraudListKey, ValueAndTimestamp<FraudListEntry>> lists;

    /** What the count rules read: built from {@link #assessedOrders} (one record per order) when the task starts. */
    private ObservationIndex observed;

    FraudProcessor(final FraudSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Output> context) {
        requireThePoolsOneTask(context.taskId());
        this.context = context;
        this.legacyObservations = context.getStateStore(FraudCheckTopology.LEGACY_OBSERVATION_STORE);
        this.histories = context.getStateStore(FraudCheckTopology.HISTORY_STORE);
        this.baskets = context.getStateStore(FraudCheckTopology.BASKET_STORE);
        this.reviews = context.getStateStore(FraudCheckTopology.REVIEW_STORE);
        this.heldOrders = context.getStateStore(FraudCheckTopology.HELD_ORDER_STORE);
        this.blocked = context.getStateStore(FraudCheckTopology.BLOCKED_STORE);
        this.earlyUpdates = context.getStateStore(FraudCheckTopology.EARLY_UPDATE_STORE);
        this.lists = context.getStateStore(FraudCheckTopology.LIST_STORE);
        this.assessedOrders = context.getStateStore(FraudCheckTopology.ASSESSED_ORDER_STORE);
        this.legacyDecided = context.getStateStore(FraudCheckTopology.LEGACY_DECIDED_STORE);
        this.disputes = context.getStateStore(FraudCheckTopology.DISPUTE_STORE);
        this.unknownDisputes = context.metrics().addRateTotalSensor(SOURCE, "disputes", UNKNOWN_ORDER_DISPUTES,
                Sensor.RecordingLevel.INFO);
        this.forgottenForCapacity = context.metrics().addRateTotalSensor(SOURCE, "observations", FORGOTTEN_FOR_CAPACITY,
                Sensor.RecordingLevel.INFO);
        context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::expireReviews);
        this.observed = restoreObservations(settings.rules().traits(), assessedOrders, legacyObservations);
        this.forgottenSeen = 0;
    }

    /**
     * Refuses to run a pool view beside another: a task other than partition 0 exists only when {@code orders.accepted} has
     * more than one partition (a pool deployed before it had one), and each task would then see a part of the pool's orders.
     */
    static void requireThePoolsOneTask(final TaskId task) {
        if (task.partition() != 0) {
            throw new IllegalStateException("fraud-check's pool view must see every shop's orders in one task, but task " + task
                    + " reads partition " + task.partition() + " of " + Topics.ORDERS_ACCEPTED.name() + ": the topic has more than "
                    + Topics.POOL_PARTITIONS + " partition. Move it to one partition as the README's \"Upgrading a running pool\" says");
        }
    }

    /**
     * The count rules' index of the last {@link PoolView#MEMORY} of the assessed orders, before the latest order they hold
     * (and of what the legacy observation store still holds from before 2026-12-08). The stores are restored from their
     * changelogs before a task starts; a task started again after a failure builds it again, so it never holds what an
     * aborted transaction wrote. The assessed orders are read whole (their segments are half their retention, so a time
     * range would read a segment whole anyway), keeping only those within the pool's memory of the latest read so far.
     */
    static ObservationIndex restoreObservations(final Collection<Trait> counted, final WindowStore<String, AssessedOrder> assessedOrders,
                                                final WindowStore<String, Observation> legacyObservations) {
        final long started = System.nanoTime();
        final ObservationIndex.Restoring restoring = ObservationIndex.restoring(counted, ObservationIndex.CAPACITY);
        final int read = readInto(restoring, assessedOrders, FraudCheckTopology.ASSESSED_ORDER_STORE,
                AssessedOrder::observation);
        final int readBefore = readInto(restoring, legacyObservations, FraudCheckTopology.LEGACY_OBSERVATION_STORE,
                observation -> observation);
        final ObservationIndex index = restoring.build();
        LOG.info("Pool view: {} orders of the last {} remembered for the count rules, of {} records read from {} and {} from {} "
                        + "({} unreadable) in {} ms", index.size(), Readable.duration(PoolView.MEMORY), read,
                FraudCheckTopology.ASSESSED_ORDER_STORE, readBefore, FraudCheckTopology.LEGACY_OBSERVATION_STORE, restoring.unreadable(),
                (System.nanoTime() - started) / 1_000_000);
        return index;
    }

    /** Reads every record of {@code store} into {@code restoring}, counting those it cannot read; returns how many it read. */
    private static <V> int readInto(final ObservationIndex.Restoring restoring, final WindowStore<String, V> store,
                                    final String name, final Function<V, Observation> observation) {
        int read = 0;
        try (KeyValueIterator<Windowed<String>, V> all = store.all()) {
            while (all.hasNext()) {
                try {
                    final KeyValue<Windowed<String>, V> entry = all.next();
                    read++;
                    final Observation observed = observation.apply(entry.value);
                    if (observed != null) { // an order assessed before 2026-12-08 kept its identities alone
                        restoring.add(entry.key.key(), observed);
                    }
                } catch (final SerializationException e) {
                    restoring.skipUnreadable(); // one record the pool cannot read costs that order's counts, never the pool's start
                    LOG.warn("Pool view: a record of {} cannot be read and is left out of the count rules: {}", name, e.getMessage());
                }
            }
        }
        return read;
    }

    @Override
    public void process(final Record<String, Input> record) {
        if (record.value() instanceof Input.Accepted accepted) {
            assess(accepted.order(), poolTime(accepted.order(), context.currentSystemTimeMs()));
        } else if (record.value() instanceof Input.Updated updated) {
            update(updated.update());
        } else if (record.value() instanceof Input.Disputed disputed) {
            dispute(disputed.dispute());
        } else {
            decide(((Input.Decided) record.value()).decision());
        }
    }

    /**
     * A shop's later version of an order ({@link UpdateAtFraudCheck}): refused at once for an order fraud-check blocked
     * (within the decided retention), kept with the review of an order in review, kept until the order is assessed when
     * fraud-check has not seen it yet (the update overtook it), left to stock-reservation otherwise.
     */
    private void update(final OrderUpdate update) {
        final String orderId = update.getOrder().getOrderId();
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final Order blockedVersion = blockedVersion(orderId, now);
        final PendingReview review = blockedVersion == null ? reviews.get(orderId) : null;
        final Order known = blockedVersion != null ? blockedVersion : review != null ? heldOrders.get(orderId) : null;
        final List<String> changes = known == null ? List.of() : OrderChanges.between(known, update.getOrder());
        final UpdateAtFraudCheck.Standing standing = blockedVersion != null ? UpdateAtFraudCheck.Standing.BLOCKED
                : known != null ? UpdateAtFraudCheck.Standing.IN_REVIEW
                : assessed(orderId, now.toEpochMilli()) ? UpdateAtFraudCheck.Standing.CLEARED
                : UpdateAtFraudCheck.Standing.NOT_ASSESSED_YET;
        switch (UpdateAtFraudCheck.actionFor(standing, changes)) {
            case WAIT -> earlyUpdates.put(orderId, update, now.toEpochMilli());
            case REFUSE -> refuseUpdate(orderId, blockedVersion.getShopId(), blockedVersion.getShopOrderRef(),
                    new UpdateAtFraudCheck.Held(update.getUpdateId(), changes), false, now);
            case HOLD -> reviews.put(orderId, withUpdate(review, new UpdateAtFraudCheck.Held(update.getUpdateId(), changes)));
            case NONE -> {
                // cleared, unknown here, or nothing fulfilment sees: stock-reservation's (or nobody's) to answer
            }
        }
    }

    /**
     * A payment dispute of an order: recorded under the disputed order's card, e-mail and address, at the pool's time of the
     * report (receivedAt, never later than fraud-check's clock; never the shop's openedAt), each dispute id once. A dispute
     * of an order the pool never assessed or has forgotten ({@link FraudSettings#disputedOrderMemory()}) is valid input that
     * tells the pool nothing: logged and counted.
     */
    private void dispute(final OrderDispute dispute) {
        final long now = Math.min(dispute.getReceivedAt().toEpochMilli(), context.currentSystemTimeMs());
        final OrderIdentities identities = identitiesOf(dispute.getOrderId(), now);
        if (identities == null) {
            LOG.info("Dispute {} of order {} (shop {}): the pool has not assessed that order within {}, nothing to record",
                    dispute.getDisputeId(), dispute.getOrderId(), dispute.getShopId(), Readable.duration(settings.disputedOrderMemory()));
            unknownDisputes.record();
            return;
        }
        final Map<Trait, String> keys = identities.byTrait();
        for (final Map.Entry<Trait, String> identity : keys.entrySet()) {
            final String key = identity.getKey().keyOf(identity.getValue());
            if (disputesUnder(key, now).stream().anyMatch(mark -> mark.disputeId().equals(dispute.getDisputeId()))) {
                LOG.info("Dispute {} of order {} was recorded already: a resent report counts once", dispute.getDisputeId(),
                        dispute.getOrderId());
                return;
            }
        }
        final String kind = dispute.getKind().name().toLowerCase(Locale.ROOT);
        final String reason = dispute.getReason().strip().toLowerCase(Locale.ROOT);
        keys.forEach((trait, value) -> disputes.put(trait.keyOf(value), new DisputeMark(dispute.getDisputeId(),
                dispute.getOrderId(), identities.shopId(), trait, now, kind, reason), now));
    }

    /** The identities of the order assessed under {@code orderId} within the disputed-order memory, or null. */
    private OrderIdentities identitiesOf(final String orderId, final long now) {
        final Instant at = Instant.ofEpochMilli(now);
        try (WindowStoreIterator<AssessedOrder> found = assessedOrders.backwardFetch(orderId,
                at.minus(settings.disputedOrderMemory()).toEpochMilli(), at.plus(PoolView.OUT_OF_ORDER).toEpochMilli())) {
            return found.hasNext() ? found.next().value.identities() : null;
        }
    }

    /** The disputes recorded under {@code key} within the dispute rule's window before {@code now}, the latest first, a bounded few. */
    private List<DisputeMark> disputesUnder(final String key, final long now) {
        final Instant at = Instant.ofEpochMilli(now);
        final List<DisputeMark> found = new ArrayList<>();
        try (WindowStoreIterator<DisputeMark> latest = disputes.backwardFetch(key,
                at.minus(settings.disputeRetention()).toEpochMilli(), at.plus(PoolView.OUT_OF_ORDER).toEpochMilli())) {
            while (latest.hasNext() && found.size() < DISPUTE_READ_LIMIT) {
                found.add(latest.next().value);
            }
        }
        return found;
    }

    /** The disputes recorded under the order's card, e-mail and address. */
    private List<DisputeMark> disputesOf(final OrderFacts facts, final long at) {
        final List<DisputeMark> found = new ArrayList<>();
        OrderIdentities.of(facts).byTrait().forEach((trait, value) -> found.addAll(disputesUnder(trait.keyOf(value), at)));
        return found;
    }

    private static PendingReview withUpdate(final PendingReview review, final UpdateAtFraudCheck.Held update) {
        final List<UpdateAtFraudCheck.Held> held = UpdateAtFraudCheck.hold(review.heldUpdates(), update);
        if (!held.equals(review.heldUpdates()) && review.heldUpdates().size() == UpdateAtFraudCheck.MAX_HELD) {
            LOG.warn("Order {} in review has more than {} updates: the oldest is dropped and will not be answered if it is blocked",
                    review.orderId(), UpdateAtFraudCheck.MAX_HELD);
        }
        return new PendingReview(review.orderId(), review.shopId(), review.shopOrderRef(), review.heldAtMillis(), review.score(), held);
    }

    /**
     * The updates of {@code order} that came before fraud-check assessed it (within the decided retention), each once,
     * with what it changes against the assessed version; those that change nothing fulfilment sees are left out.
     */
    private List<UpdateAtFraudCheck.Held> earlyUpdatesOf(final Order order, final Instant now) {
        final Map<String, UpdateAtFraudCheck.Held> found = new LinkedHashMap<>();
        try (WindowStoreIterator<OrderUpdate> all = earlyUpdates.fetch(order.getOrderId(),
                now.minus(settings.decidedRetention()).toEpochMilli(), now.plus(PoolView.OUT_OF_ORDER).toEpochMilli())) {
            all.forEachRemaining(entry -> {
                final List<String> changes = OrderChanges.between(order, entry.value.getOrder());
                if (!changes.isEmpty()) {
                    found.putIfAbsent(entry.value.getUpdateId(), new UpdateAtFraudCheck.Held(entry.value.getUpdateId(), changes));
                }
            });
        }
        return List.copyOf(found.values());
    }

    /** The version of {@code orderId} fraud-check blocked within the decided retention, or null. */
    private Order blockedVersion(final String orderId, final Instant now) {
        Order latest = null;
        try (WindowStoreIterator<Order> found = blocked.fetch(orderId, now.minus(settings.decidedRetention()).toEpochMilli(),
                now.plus(PoolView.OUT_OF_ORDER).toEpochMilli())) {
            while (found.hasNext()) {
                latest = found.next().value;
            }
        }
        return latest;
    }

    private void rememberBlocked(final Order order, final Instant now) {
        blocked.put(order.getOrderId(), order, now.toEpochMilli());
    }

    private void refuseUpdate(final String orderId, final String shopId, final String shopOrderRef, final UpdateAtFraudCheck.Held update,
                              final boolean cameInReview, final Instant now) {
        forward(orderId, new Output.Status(StatusChanges.updateAnswer(orderId, shopId, shopOrderRef, OrderStatus.BLOCKED,
                update.updateId(), UpdateOutcome.REFUSED, update.changes(), UpdateAtFraudCheck.REFUSED_BLOCKED,
                UpdateAtFraudCheck.refusalReason(update.changes(), cameInReview), SOURCE, now)));
    }

    /**
     * The time every window and store of the pool view runs on for {@code order}: when order-intake
     * accepted it, by the pool's clock, never the record's timestamp (the shop's CreateTime). It stays
     * the same when the order is read again, and a backlog keeps its spacing after an outage instead of
     * crowding into one window, as the wall clock alone would; but it is never later than fraud-check's
     * own clock, so an intake clock running ahead cannot push the stores' time forward and expire what
     * the pool remembers.
     */
    static long poolTime(final Order order, final long wallClockMillis) {
        return Math.min(order.getAcceptedAt().toEpochMilli(), wallClockMillis);
    }

    private void assess(final Order order, final long at) {
        final String orderId = order.getOrderId();
        if (assessed(orderId, at)) {
            return; // the same accepted order again: it was assessed already
        }
        final OrderFacts facts = facts(order);
        final boolean declined = order.getPayment().getAuthorisation() == AuthorisationStatus.DECLINED;
        final Observation now = Observation.of(facts, at, declined);
        final Map<Trait, List<Observation>> seen = observed.recallAndRemember(now);
        noteForgottenForCapacity();
        final ShopBasket basket = Optional.ofNullable(baskets.get(facts.shopId())).orElse(ShopBasket.NONE);
        baskets.put(facts.shopId(), basket.with(facts.totalMinor()));
        final Recalled email = recall(Trait.EMAIL, facts, at);
        final Recalled card = recall(Trait.CARD, facts, at);
        final Recalled address = recall(Trait.ADDRESS, facts, at);
        final RiskSignals signals = PoolView.signals(at, facts, seen, settings.rules(), basket, email.before(), card.before(),
                address.before()).withDisputes(disputesOf(facts, at));
        final Assessment assessment = scorer.assess(facts, signals, settings.rulesOf(facts.shopId()), listMatches(facts));
        // The customer's profile learns only from orders the pool cleared and the bank authorised: a takeover held or
        // blocked, or a declined card, does not become part of how the customer pays.
        final boolean customersOwn = assessment.decision() == Assessment.Decision.ACCEPT && !declined;
        rememberHistory(email, customersOwn ? email.before().withOrder(at, facts) : email.before().with(at, facts.totalMinor()));
        rememberHistory(card, card.before().with(at, facts.totalMinor()));
        rememberHistory(address, address.before().with(at, facts.totalMinor()));
        final Instant assessedAt = Instant.ofEpochMilli(context.currentSystemTimeMs());
        // Written once the order is assessed: an order whose step failed before (and was dead-lettered) is assessed when re-driven
        // (the index remembers it once, however often it comes).
        assessedOrders.put(orderId, AssessedOrder.of(now), at);
        forward(orderId, new Output.Scored(toAvro(order, assessment, assessedAt)));
        switch (assessment.decision()) {
            case ACCEPT -> clear(order, assessment.score(), assessment.listMatch().isPresent() ? Clearance.ALLOW_LIST
                    : Clearance.SCORE_BELOW_THRESHOLD, null, summary(assessment), assessedAt,
                    reservableAtItsSku(order, assessedAt));
            case REVIEW -> {
                heldOrders.put(orderId, order);
                PendingReview review = new PendingReview(orderId, order.getShopId(), order.getShopOrderRef(), assessedAt.toEpochMilli(),
                        assessment.score(), List.of());
                for (final UpdateAtFraudCheck.Held early : earlyUpdatesOf(order, assessedAt)) {
                    review = withUpdate(review, early);
                }
                reviews.put(orderId, review);
                status(order.getOrderId(), order.getShopId(), order.getShopOrderRef(), OrderStatus.IN_REVIEW, "fraud.review",
                        "score " + assessment.score() + ": " + summary(assessment), assessedAt);
            }
            case BLOCK -> {
                rememberBlocked(order, assessedAt);
                status(orderId, order.getShopId(), order.getShopOrderRef(), OrderStatus.BLOCKED,
                        assessment.listMatch().isPresent() ? "fraud.block_list" : "fraud.score",
                        assessment.listMatch().map(m -> "block list: " + m.matchedOn() + " " + m.value() + " (" + m.reason() + ")")
                                .orElse("score " + assessment.score() + ": " + summary(assessment)), assessedAt);
                for (final UpdateAtFraudCheck.Held early : earlyUpdatesOf(order, assessedAt)) {
                    refuseUpdate(orderId, order.getShopId(), order.getShopOrderRef(), early, false, assessedAt);
                }
            }
        }
    }

    private void decide(final ReviewDecision decision) {
        final PendingReview review = reviews.get(decision.getOrderId());
        if (review == null) {
            LOG.warn("Ignoring review decision {} for order {}: it is not waiting for a review (unknown or already decided)",
                    decision.getDecisionId(), decision.getOrderId());
            return;
        }
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final String who = decision.getOperator() + (decision.getComment() == null ? "" : ": " + decision.getComment());
        settle(review, decision.getVerdict() == ReviewVerdict.APPROVE, decision.getOperator(),
                decision.getVerdict() == ReviewVerdict.APPROVE ? "approved by " + who : "blocked by " + who,
                decision.getVerdict() == ReviewVerdict.APPROVE ? "fraud.review_approved" : "fraud.review_blocked", now);
    }

    private void expireReviews(final long wallClockMillis) {
        final List<PendingReview> expired = new ArrayList<>();
        try (KeyValueIterator<String, PendingReview> all = reviews.all()) {
            all.forEachRemaining(entry -> {
                final FraudSettings.ShopPolicy policy = settings.policyOf(entry.value.shopId());
                if (wallClockMillis - entry.value.heldAtMillis() > policy.reviewTimeout().toMillis()) {
                    expired.add(entry.value);
                }
            });
        }
        for (final PendingReview review : expired) {
            final FraudSettings.ShopPolicy policy = settings.policyOf(review.shopId());
            final String reason = "no operator decided within " + Readable.duration(policy.reviewTimeout())
                    + "; the shop's policy is to " + (policy.approveOnTimeout() ? "approve" : "block");
            settle(review, policy.approveOnTimeout(), null, reason, "fraud.review_timeout",
                    Instant.ofEpochMilli(wallClockMillis));
        }
    }

    private void settle(final PendingReview review, final boolean approve, final String operator, final String reason,
                        final String reasonCode, final Instant now) {
        final Order order = heldOrders.get(review.orderId());
        reviews.delete(review.orderId());
        heldOrders.delete(review.orderId());
        if (approve) {
            // after a review, to its order id's partition: updates may have waited with the review, which its order's owner applies
            clear(order, review.score(), operator != null ? Clearance.OPERATOR_APPROVAL : Clearance.REVIEW_TIMEOUT_POLICY, operator,
                    reason, now, false);
        } else {
            if (order != null) {
                rememberBlocked(order, now);
            }
            status(review.orderId(), review.shopId(), review.shopOrderRef(), OrderStatus.BLOCKED, reasonCode, reason, now);
            for (final UpdateAtFraudCheck.Held update : review.heldUpdates()) {
                refuseUpdate(review.orderId(), review.shopId(), review.shopOrderRef(), update, true, now);
            }
        }
    }

    /**
     * Whether the order, cleared now, goes to its one SKU's partition of orders.cleared, whose stock owner reserves it where
     * it reads it: only an order with one SKU and no update that came before fraud-check assessed it. Such an update is
     * stock-reservation's, and only the order's owner applies it before the order is reserved (the SKU's owner would reserve
     * the order as it was, and the update would then be shipping-scheduler's: a change of lines refused).
     */
    private boolean reservableAtItsSku(final Order order, final Instant now) {
        return ClearedOrderPartitions.onlySkuOf(order).isPresent() && earlyUpdatesOf(order, now).isEmpty();
    }

    private void clear(final Order order, final int score, final Clearance clearance, final String operator, final String reason,
                       final Instant now, final boolean atItsSku) {
        final ClearedOrder cleared = new ClearedOrder(order, new AssessmentSummary(score, FraudDecision.ACCEPT, clearance, operator), now);
        if (atItsSku) {
            context.forward(new Record<>(order.getOrderId(), new Output.Cleared(cleared, true), context.currentSystemTimeMs(),
                    ClearedOrderPartitions.atSku(ClearedOrderPartitions.onlySkuOf(order).orElseThrow())));
        } else {
            forward(order.getOrderId(), new Output.Cleared(cleared, false));
        }
        status(order.getOrderId(), order.getShopId(), order.getShopOrderRef(), OrderStatus.CLEARED,
                "fraud." + clearance.name().toLowerCase(Locale.ROOT), reason, now);
    }

    private void status(final String orderId, final String shopId, final String shopOrderRef, final OrderStatus status,
                        final String reasonCode, final String reason, final Instant now) {
        forward(orderId, new Output.Status(StatusChanges.change(orderId, shopId, shopOrderRef, status, reasonCode, reason, SOURCE, now)));
    }

    private void forward(final String orderId, final Output output) {
        context.forward(new Record<>(orderId, output, context.currentSystemTimeMs()));
    }

    /** Counts (and says, the first time and every 10,000th) the orders of the last 25 h the count rules forgot for room. */
    private void noteForgottenForCapacity() {
        final long forgotten = observed.forgottenForCapacity();
        if (forgotten > forgottenSeen) {
            forgottenForCapacity.record(forgotten - forgottenSeen);
            if (forgottenSeen == 0 || forgotten / 10_000 > forgottenSeen / 10_000) {
                LOG.warn("Pool view: more than {} orders within the last {}: {} of the oldest forgotten so far, so the count rules "
                        + "undercount them (metric {}-total)", ObservationIndex.CAPACITY, Readable.duration(PoolView.MEMORY), forgotten,
                        FORGOTTEN_FOR_CAPACITY);
            }
            forgottenSeen = forgotten;
        }
    }

    /** A history read for an order: its store key (null when the order has no such trait), the day entry to write, and what it held. */
    private record Recalled(String key, long day, History before) {
    }

    /**
     * The history of the order's e-mail, card or address before this order ({@link History#NONE} if the pool has
     * not seen it within its memory), and where this order goes in it. The history is kept in one entry per key and
     * day (a later order of the same day overwrites it), so a key's state stays within a year of days however
     * often it orders, and a customer who orders within every year stays known, first-seen date included.
     */
    private Recalled recall(final Trait trait, final OrderFacts facts, final long at) {
        final String value = trait.of(facts);
        if (value == null || value.isBlank()) {
            return new Recalled(null, 0, History.NONE);
        }
        final String key = trait.keyOf(value);
        final long memory = settings.historyMemory().toMillis();
        History before = History.NONE;
        long day = dayOf(at);
        try (WindowStoreIterator<History> latest = histories.backwardFetch(key, dayOf(at - memory),
                at + PoolView.OUT_OF_ORDER.toMillis())) {
            if (latest.hasNext()) {
                final KeyValue<Long, History> found = latest.next();
                if (found.value.lastSeenAtMillis() > at - memory) {
                    before = found.value;
                }
                day = Math.max(day, found.key);
            }
        }
        return new Recalled(key, day, before);
    }

    private void rememberHistory(final Recalled recalled, final History after) {
        if (recalled.key() != null) {
            histories.put(recalled.key(), after, recalled.day());
        }
    }

    /** The start of the (UTC) day of {@code millis}: the window a history entry is kept in. */
    static long dayOf(final long millis) {
        return Math.floorDiv(millis, PoolView.DAY.toMillis()) * PoolView.DAY.toMillis();
    }

    /**
     * Whether the pool assessed {@code orderId} within the decided retention either side of {@code at}: its identities are
     * kept, or a version before 2026-12-02 recorded it as decided.
     */
    private boolean assessed(final String orderId, final long at) {
        if (orderId == null) {
            return false;
        }
        return within(assessedOrders, orderId, at, settings.decidedRetention()) || within(legacyDecided, orderId, at,
                settings.decidedRetention());
    }

    /** Whether {@code store} holds {@code key} within {@code window} either side of {@code at}. */
    private static <V> boolean within(final WindowStore<String, V> store, final String key, final long at, final Duration window) {
        try (WindowStoreIterator<V> found = store.fetch(key, at - window.toMillis(), at + window.toMillis())) {
            return found.hasNext();
        }
    }

    private List<ListEntry> listMatches(final OrderFacts facts) {
        final List<ListEntry> matches = new ArrayList<>();
        final long now = context.currentSystemTimeMs();
        for (final KeyValue<FraudListEntryType, String> candidate : List.of(
                KeyValue.pair(FraudListEntryType.CARD_FINGERPRINT, facts.cardFingerprint()),
                KeyValue.pair(FraudListEntryType.EMAIL, facts.email()),
                KeyValue.pair(FraudListEntryType.EMAIL_DOMAIN, facts.emailDomain()),
                KeyValue.pair(FraudListEntryType.IP, facts.clientIp()),
                KeyValue.pair(FraudListEntryType.BIN, facts.cardBin()))) {
            if (candidate.value == null || candidate.value.isBlank()) {
                continue;
            }
            final boolean caseless = candidate.key == FraudListEntryType.EMAIL || candidate.key == FraudListEntryType.EMAIL_DOMAIN;
            final ValueAndTimestamp<FraudListEntry> found = lists.get(new FraudListKey(candidate.key,
                    caseless ? candidate.value.toLowerCase(Locale.ROOT) : candidate.value));
            final FraudListEntry entry = found == null ? null : found.value();
            if (entry != null && (entry.getExpiresAt() == null || entry.getExpiresAt().toEpochMilli() > now)
                    && entry.getAction() != FraudListAction.UNKNOWN) {
                matches.add(new ListEntry(entry.getAction() == FraudListAction.BLOCK ? ListEntry.Kind.BLOCK : ListEntry.Kind.ALLOW,
                        candidate.key.name(), candidate.value, entry.getReason()));
            }
        }
        return matches;
    }

    static OrderFacts facts(final Order order) {
        final var payment = order.getPayment();
        final var ship = order.getShippingAddress();
        return new OrderFacts(order.getOrderId(), order.getShopId(), order.getCustomer().getEmail(), holderNames(order),
                payment.getCardFingerprint(), payment.getCardBin(), payment.getCardCountry(), payment.getClientIp(),
                payment.getClientIpCountry(), ship.getCountryCode(),
                (ship.getCountryCode() + "|" + ship.getPostalCode() + "|" + ship.getLine1()).toLowerCase(Locale.ROOT),
                payment.getThreeDSecure() == ThreeDSecureResult.AUTHENTICATED, order.getTotal().getAmountMinor(), order.getTotal().getCurrency(),
                phone(order), order.getShippingMethod() == ShippingMethod.EXPRESS);
    }

    /** The payer's phone: the billing address's, else the shipping address's; null when neither has one. */
    static String phone(final Order order) {
        final Address billing = order.getBillingAddress();
        final String phone = billing != null && billing.getPhone() != null ? billing.getPhone() : order.getShippingAddress().getPhone();
        return phone == null || phone.isBlank() ? null : phone;
    }

    /**
     * The names the order gives for the person paying, as near as it comes to a cardholder name (the contract has
     * none): the customer's and the billing address's (the shipping address's when the shop sent no billing
     * address: order-intake copies it); lower case, spaces collapsed, so "Jo  Smith" and "jo smith" are one name.
     */
    static List<String> holderNames(final Order order) {
        final Customer customer = order.getCustomer();
        final Address billing = order.getBillingAddress();
        return Stream.of(customer.getFirstName() + " " + customer.getLastName(), billing == null ? null : billing.getName())
                .filter(Objects::nonNull).map(name -> name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty()).distinct().toList();
    }

    private static String summary(final Assessment assessment) {
        if (assessment.reasons().isEmpty()) {
            return "no risk seen";
        }
        return String.join("; ", assessment.reasons().stream().limit(3).map(r -> r.ruleId() + " (" + r.observed() + ")").toList());
    }

    private static FraudAssessment toAvro(final Order order, final Assessment assessment, final Instant at) {
        return FraudAssessment.newBuilder()
                .setOrderId(order.getOrderId())
                .setShopId(order.getShopId())
                .setScore(assessment.score())
                .setDecision(FraudDecision.valueOf(assessment.decision().name()))
                .setReasons(assessment.reasons().stream().map(r -> new RiskReason(r.ruleId(), r.weight(), r.observed(), r.description())).toList())
                .setListMatch(assessment.listMatch().map(m -> m.kind() + " " + m.matchedOn() + ":" + m.value()).orElse(null))
                .setRulesetVersion(assessment.rulesVersion())
                .setAssessedAt(at)
                .build();
    }
}
