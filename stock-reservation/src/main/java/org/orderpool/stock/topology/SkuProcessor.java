package org.orderpool.stock.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.ReservedLine;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockStatus;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.stock.domain.HoldBook;
import org.orderpool.stock.domain.OrderReservation;
import org.orderpool.stock.domain.SkuLedger;
import org.orderpool.stock.domain.StockMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the SKUs of its partitions: applies warehouse movements (each movement id once within the movement
 * retention, on the pool's clock) and
 * the orders' requests to its ledgers, and publishes each changed ledger on stock.levels: a change of band
 * (in stock, low, out) at once, with the band before; a change of the figures within the same band once per
 * {@link #levelEvery} at most, with the latest figures (wall-clock punctuation over the SKUs that changed). Which
 * SKUs still owe their level is kept in the ledger's own entry ({@link SkuLedger.Snapshot#levelUnpublished()}),
 * committed with the change, so a restart or a move of the task loses none: the first punctuation of a task finds
 * them in its store. A ledger is written only when it changed.
 */
final class SkuProcessor implements Processor<String, SkuProcessor.Input, String, SkuProcessor.Output> {

    private static final Logger LOG = LoggerFactory.getLogger(SkuProcessor.class);

    /** What reaches a SKU. */
    sealed interface Input {
        record Movement(StockMovement movement) implements Input {
        }

        record Command(StockCommand command) implements Input {
        }
    }

    /** What a SKU says. */
    sealed interface Output {
        record ToOrder(StockCommand command) implements Output {
        }

        record Level(StockLevel level) implements Output {
        }

        /** An order with this one SKU is reserved: announced here, one hop sooner than its order's owner would. */
        record Status(OrderStatusChange change) implements Output {
        }

        record Reserved(ReservedOrder order) implements Output {
        }
    }

    private final StockSettings settings;
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, SkuLedger.Snapshot> ledgers;
    private WindowStore<String, Long> seenMovements;
    private KeyValueStore<String, HoldBook.Hold> holds;
    private WindowStore<String, Long> doneAtSku;
    /** SKUs of this task whose level is unpublished, as far as this instance of the task knows. */
    private final Set<String> levelsDue = new LinkedHashSet<>();
    private boolean storeScanned;
    private Duration levelEvery;
    /**
     * Whether this owner announces the orders with one SKU it holds: under exactly-once only, where the hold and the
     * announcement are one transaction and a request is answered once. At least once, a request redelivered after a crash
     * may be answered again, differently (held now, not before), for an order its owner has moved on with: there the answer
     * goes back unannounced and the order's owner announces, as it does for an order with more SKUs.
     */
    private boolean announces;

    SkuProcessor(final StockSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Output> context) {
        this.context = context;
        this.ledgers = context.getStateStore(StockReservationTopology.LEDGER_STORE);
        this.seenMovements = context.getStateStore(StockReservationTopology.MOVEMENT_STORE);
        this.holds = context.getStateStore(StockReservationTopology.HOLD_STORE);
        this.doneAtSku = context.getStateStore(StockReservationTopology.DONE_AT_SKU_STORE);
        this.levelEvery = levelEvery(context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        this.announces = announcesUnder(context.appConfigs());
        context.schedule(levelEvery, PunctuationType.WALL_CLOCK_TIME, this::publishDueLevels);
    }

    /**
     * Whether SKU owners announce the orders with one SKU they hold under these settings ({@link #announces}); the order
     * owners leave such an order unstored until its answer under the same condition.
     */
    static boolean announcesUnder(final Map<String, Object> appConfigs) {
        return StreamsConfig.EXACTLY_ONCE_V2.equals(appConfigs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    }

    /**
     * How often a busy SKU's level is published: the commit interval (a level is seen only when it is committed, so
     * sooner is of no use), but at least 100 ms, so a short interval chosen for latency does not publish the level (and
     * write its ledger) more often than a storefront needs, and at most a second; 100 ms when it is not configured.
     */
    static Duration levelEvery(final Object commitIntervalMs) {
        final long millis = commitIntervalMs == null ? 100 : Long.parseLong(commitIntervalMs.toString());
        return Duration.ofMillis(Math.max(100, Math.min(millis, 1_000)));
    }

    @Override
    public void process(final Record<String, Input> record) {
        final String sku = record.key();
        final SkuLedger.Snapshot stored = ledgers.get(sku);
        final HoldBook holdBook = new StoreHoldBook(holds, sku);
        final SkuLedger ledger = stored != null ? SkuLedger.restore(stored, holdBook) : new SkuLedger(sku, settings.lowStockThreshold(), holdBook);
        final SkuLedger.Band bandBefore = ledger.band();
        final int onHandBefore = ledger.onHand();
        final int reservedBefore = ledger.reserved();
        final List<StockMessage> messages;
        if (record.value() instanceof Input.Movement movement) {
            messages = applyMovement(ledger, movement.movement(), record);
        } else {
            final StockMessage.ToSku message = (StockMessage.ToSku) StockCommands.fromAvro(((Input.Command) record.value()).command());
            final String spending = orderSpendingAHold(message);
            final boolean heldBefore = spending != null && holdBook.get(spending).isPresent();
            messages = ledger.handle(message);
            rememberIfDone(message, heldBefore && holdBook.get(spending).isEmpty(), messages);
        }
        final boolean figuresChanged = stored == null || ledger.onHand() != onHandBefore || ledger.reserved() != reservedBefore;
        final boolean bandChanged = stored == null || ledger.band() != bandBefore;
        final boolean unpublished = !bandChanged && (figuresChanged || stored.levelUnpublished());
        final SkuLedger.Snapshot after = ledger.snapshot().withLevelUnpublished(unpublished);
        if (!after.equals(stored)) {
            ledgers.put(sku, after);
        }
        final StockCommand request = record.value() instanceof Input.Command command ? command.command() : null;
        final Order order = request == null ? null : request.getOrder() != null ? request.getOrder()
                : request.getCleared() != null ? request.getCleared().getOrder() : null;
        for (final StockMessage answer : messages) {
            StockMessage message = answer;
            if (answer instanceof StockMessage.LineOutcome outcome && outcome.announced()) {
                if (order == null) {
                    LOG.error("Order {} asked SKU {} to announce it without the order; its owner announces it", outcome.orderId(), sku);
                }
                if (announces && order != null) {
                    announceReserved(outcome, order, request.getQuantity(), record);
                } else {
                    message = new StockMessage.LineOutcome(outcome.orderId(), outcome.attempt(), outcome.sku(), outcome.held(),
                            outcome.available(), false);
                }
            }
            final StockMessage.ToOrder toOrder = (StockMessage.ToOrder) message;
            final StockCommand command = StockCommands.toAvro(message);
            if (message instanceof StockMessage.LineOutcome outcome && request != null && request.getCleared() != null
                    && outcome.orderId().equals(request.getOrderId())) {
                command.setCleared(request.getCleared()); // its owner did not store the order: the answer brings it back
            }
            context.forward(record.withKey(toOrder.orderId()).withValue(new Output.ToOrder(command)));
        }
        if (bandChanged) {
            // a transition is said at once, so every band change is on the topic with the band before it
            context.forward(record.withValue(new Output.Level(level(ledger, bandBefore))));
            levelsDue.remove(sku);
        } else if (unpublished) {
            levelsDue.add(sku);
        }
    }

    /**
     * The order, whose one SKU this ledger now holds for it, is reserved: said on orders.reserved and orders.status here,
     * as its order's owner would say it (which the answer tells to say nothing). A request asks for this only with its
     * order (or its cleared order, which the answer then brings back to its owner, who did not store it); one without (a
     * bug upstream) is answered unannounced, and the order's owner says it.
     */
    private void announceReserved(final StockMessage.LineOutcome outcome, final Order order, final int quantity,
                                  final Record<String, Input> cause) {
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        final OrderStatusChange status = StatusChanges.change(outcome.orderId(), order.getShopId(), order.getShopOrderRef(),
                OrderStatus.RESERVED, "stock.reserved", OrderReservation.reservedReason(1, outcome.attempt()), OrderProcessor.SOURCE, now);
        final ReservedOrder reserved = new ReservedOrder(order, List.of(new ReservedLine(outcome.sku(), quantity,
                settings.warehouseId())), now);
        context.forward(cause.withKey(outcome.orderId()).withValue(new Output.Reserved(reserved)));
        context.forward(cause.withKey(outcome.orderId()).withValue(new Output.Status(status)));
    }

    /** The order a release or a consumption names (one that may spend its hold here), or null for any other message. */
    private static String orderSpendingAHold(final StockMessage.ToSku message) {
        if (message instanceof StockMessage.ReleaseLine release) {
            return release.orderId();
        }
        return message instanceof StockMessage.ConsumeLine consume ? consume.orderId() : null;
    }

    /**
     * Remembers an order this SKU is done with ({@link StockReservationTopology#DONE_AT_SKU_STORE}): its hold gone (released,
     * or consumed to the last unit), or a request of it not held. The router then gives this SKU no cleared order of it again.
     */
    private void rememberIfDone(final StockMessage.ToSku message, final boolean holdSpent, final List<StockMessage> answers) {
        final String orderId;
        if (message instanceof StockMessage.ReserveLine reserve) {
            final boolean refused = answers.stream().anyMatch(answer -> answer instanceof StockMessage.LineOutcome outcome
                    && outcome.orderId().equals(reserve.orderId()) && !outcome.held());
            orderId = refused ? reserve.orderId() : null;
        } else {
            orderId = holdSpent ? orderSpendingAHold(message) : null;
        }
        if (orderId != null) {
            final long now = context.currentSystemTimeMs();
            doneAtSku.put(orderId, now, now);
        }
    }

    /** Whether a SKU owner of this task is done with {@code orderId}, by {@code store} ({@link #rememberIfDone}). */
    static boolean doneWith(final WindowStore<String, Long> store, final String orderId, final long now, final StockSettings settings) {
        final long retention = StockReservationTopology.doneAtSkuRetention(settings).toMillis();
        try (WindowStoreIterator<Long> done = store.fetch(orderId, now - retention, now + retention)) {
            return done.hasNext();
        }
    }

    /**
     * Publishes the latest figures of each SKU that changed within its band since its level was last published. The
     * band is the one last published (every band change is published at once), so it is also the previous band.
     */
    private void publishDueLevels(final long wallClockMillis) {
        if (!storeScanned) {
            // once per task start: the SKUs whose change was committed before their level was published
            try (KeyValueIterator<String, SkuLedger.Snapshot> all = ledgers.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value.levelUnpublished()) {
                        levelsDue.add(entry.key);
                    }
                });
            }
            storeScanned = true;
        }
        for (final String sku : levelsDue) {
            final SkuLedger.Snapshot stored = ledgers.get(sku);
            if (stored == null || !stored.levelUnpublished()) {
                continue;
            }
            final SkuLedger ledger = SkuLedger.restore(stored, new StoreHoldBook(holds, sku));
            context.forward(new Record<String, Output>(sku, new Output.Level(level(ledger, ledger.band())), wallClockMillis));
            ledgers.put(sku, stored.withLevelUnpublished(false));
        }
        levelsDue.clear();
    }

    private List<StockMessage> applyMovement(final SkuLedger ledger, final StockMovement movement, final Record<String, Input> record) {
        if (!movement.getSku().equals(record.key())) {
            // A SKU's ledger lives in the task that owns its key: a movement keyed otherwise would be counted elsewhere.
            throw new IllegalArgumentException("stock movement " + movement.getMovementId() + " is for SKU " + movement.getSku()
                    + " but keyed " + record.key() + "; movements must be keyed by their SKU");
        }
        // Remembered on the pool's clock, never the sender's: a movement stamped a month back would be outside the
        // window (and a retry counted twice), one stamped a year ahead would expire every id remembered before it.
        // Looked for up to a retention ahead too: a version before 2026-12-03 remembered ids at their record's timestamp.
        final long arrivedAt = context.currentSystemTimeMs();
        final Instant at = Instant.ofEpochMilli(arrivedAt);
        try (WindowStoreIterator<Long> earlier = seenMovements.fetch(movement.getMovementId(),
                at.minus(settings.movementRetention()).toEpochMilli(), at.plus(settings.movementRetention()).toEpochMilli())) {
            if (earlier.hasNext()) {
                return List.of();
            }
        }
        seenMovements.put(movement.getMovementId(), arrivedAt, arrivedAt);
        final SkuLedger.MovementResult result = ledger.applyMovement(movement.getQuantityDelta());
        if (result.discrepancy() > 0) {
            LOG.warn("Movement {} of SKU {} takes {} unit(s) that are reserved for orders; ops must resolve it",
                    movement.getMovementId(), movement.getSku(), result.discrepancy());
        }
        return result.messages();
    }

    private StockLevel level(final SkuLedger ledger, final SkuLedger.Band before) {
        return StockLevel.newBuilder()
                .setSku(ledger.sku())
                .setWarehouseId(settings.warehouseId())
                .setOnHand(ledger.onHand())
                .setReserved(ledger.reserved())
                .setAvailable(ledger.available())
                .setStatus(status(ledger.band()))
                .setPreviousStatus(status(before))
                .setLowStockThreshold(ledger.lowStockThreshold())
                .setUpdatedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
    }

    private static StockStatus status(final SkuLedger.Band band) {
        return switch (band) {
            case IN_STOCK -> StockStatus.IN_STOCK;
            case LOW_STOCK -> StockStatus.LOW_STOCK;
            case OUT_OF_STOCK -> StockStatus.OUT_OF_STOCK;
        };
    }
}
