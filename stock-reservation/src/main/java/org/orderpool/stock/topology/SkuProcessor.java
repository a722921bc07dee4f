package org.orderpool.stock.topology;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.StockStatus;
import org.orderpool.stock.domain.HoldBook;
import org.orderpool.stock.domain.SkuLedger;
import org.orderpool.stock.domain.StockMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the SKUs of its partitions: applies warehouse movements (each movement id once) and
 * the orders' requests to its ledgers, and publishes each changed ledger on stock.levels.
 */
final class SkuProcessor implements Processor<String, SkuProcessor.Input, String, SkuProcessor.Output> {

    private static final Logger LOG = LoggerFactory.getLogger(SkuProcessor.class);

    /** What reaches a SKU. */
    sealed interface Input {
        record Movement(StockMovement movement) implements Input {
        }

        record Command(org.orderpool.contracts.StockCommand command) implements Input {
        }
    }

    /** What a SKU says. */
    sealed interface Output {
        record ToOrder(org.orderpool.contracts.StockCommand command) implements Output {
        }

        record Level(StockLevel level) implements Output {
        }
    }

    private final StockSettings settings;
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, SkuLedger.Snapshot> ledgers;
    private WindowStore<String, Long> seenMovements;
    private KeyValueStore<String, HoldBook.Hold> holds;

    SkuProcessor(final StockSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Output> context) {
        this.context = context;
        this.ledgers = context.getStateStore(StockReservationTopology.LEDGER_STORE);
        this.seenMovements = context.getStateStore(StockReservationTopology.MOVEMENT_STORE);
        this.holds = context.getStateStore(StockReservationTopology.HOLD_STORE);
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
            messages = ledger.handle((StockMessage.ToSku) StockCommands.fromAvro(((Input.Command) record.value()).command()));
        }
        ledgers.put(sku, ledger.snapshot());
        for (final StockMessage message : messages) {
            final StockMessage.ToOrder toOrder = (StockMessage.ToOrder) message;
            context.forward(record.withKey(toOrder.orderId()).withValue(new Output.ToOrder(StockCommands.toAvro(message))));
        }
        if (ledger.onHand() != onHandBefore || ledger.reserved() != reservedBefore || stored == null) {
            context.forward(record.withValue(new Output.Level(level(ledger, bandBefore, record.timestamp()))));
        }
    }

    private List<StockMessage> applyMovement(final SkuLedger ledger, final StockMovement movement, final Record<String, Input> record) {
        if (!movement.getSku().equals(record.key())) {
            // A SKU's ledger lives in the task that owns its key: a movement keyed otherwise would be counted elsewhere.
            throw new IllegalArgumentException("stock movement " + movement.getMovementId() + " is for SKU " + movement.getSku()
                    + " but keyed " + record.key() + "; movements must be keyed by their SKU");
        }
        final Instant at = Instant.ofEpochMilli(record.timestamp());
        try (WindowStoreIterator<Long> earlier = seenMovements.fetch(movement.getMovementId(),
                at.minus(settings.movementRetention()), at.plus(settings.movementRetention()))) {
            if (earlier.hasNext()) {
                return List.of();
            }
        }
        seenMovements.put(movement.getMovementId(), record.timestamp(), record.timestamp());
        final SkuLedger.MovementResult result = ledger.applyMovement(movement.getQuantityDelta());
        if (result.discrepancy() > 0) {
            LOG.warn("Movement {} of SKU {} takes {} unit(s) that are reserved for orders; ops must resolve it",
                    movement.getMovementId(), movement.getSku(), result.discrepancy());
        }
        return result.messages();
    }

    private StockLevel level(final SkuLedger ledger, final SkuLedger.Band before, final long timestamp) {
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
