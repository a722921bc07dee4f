package org.orderpool.stock.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.ReservedLine;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.StockCommand;
import org.orderpool.stock.domain.OrderReservation;
import org.orderpool.stock.domain.StockMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the orders of its partitions: starts a reservation for each cleared order (once),
 * gathers its SKUs' answers, cancels, books shipped units out, and ends waits that outlast the shop's
 * limit (wall-clock punctuation). Settled orders are forgotten after the retention, so state is bounded.
 */
final class OrderProcessor implements Processor<String, OrderProcessor.Input, String, OrderProcessor.Output> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderProcessor.class);
    static final String SOURCE = "stock-reservation";

    /** What reaches an order. */
    sealed interface Input {
        record Cleared(ClearedOrder order) implements Input {
        }

        record Cancelled(OrderCancellation cancellation) implements Input {
        }

        record Event(StockCommand command) implements Input {
        }
    }

    /** What an order says. */
    sealed interface Output {
        record ToSku(StockCommand command) implements Output {
        }

        record Status(OrderStatusChange change) implements Output {
        }

        record Reserved(ReservedOrder order) implements Output {
        }
    }

    /**
     * What the store keeps per order: its reservation, or only the fact that a cancellation came first.
     */
    record StoredOrder(OrderReservation.Snapshot reservation, boolean cancelledBeforeCleared, long updatedAt) {
    }

    private final StockSettings settings;
    private ProcessorContext<String, Output> context;
    private KeyValueStore<String, StoredOrder> orders;
    private KeyValueStore<String, ClearedOrder> clearedOrders;

    OrderProcessor(final StockSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Output> context) {
        this.context = context;
        this.orders = context.getStateStore(StockReservationTopology.ORDER_STORE);
        this.clearedOrders = context.getStateStore(StockReservationTopology.CLEARED_STORE);
        context.schedule(settings.checkEvery(), PunctuationType.WALL_CLOCK_TIME, this::checkWaitingOrders);
    }

    @Override
    public void process(final Record<String, Input> record) {
        final String orderId = record.key();
        final StoredOrder stored = orders.get(orderId);
        final Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (record.value() instanceof Input.Cleared cleared) {
            onCleared(orderId, stored, cleared.order(), record, now);
        } else if (record.value() instanceof Input.Cancelled) {
            if (stored == null) {
                orders.put(orderId, new StoredOrder(null, true, now.toEpochMilli()));
            } else if (stored.reservation() != null) {
                handle(orderId, OrderReservation.restore(stored.reservation()), record, now, OrderReservation::onCancel);
            }
        } else {
            onEvent(orderId, stored, ((Input.Event) record.value()).command(), record, now);
        }
    }

    private void onCleared(final String orderId, final StoredOrder stored, final ClearedOrder cleared, final Record<String, Input> record,
                           final Instant now) {
        if (stored != null && !stored.cancelledBeforeCleared()) {
            return; // the same cleared order again: it is being reserved already
        }
        clearedOrders.put(orderId, cleared);
        final Map<String, Integer> lines = new LinkedHashMap<>();
        for (final OrderLine line : cleared.getOrder().getLines()) {
            lines.merge(line.getSku(), line.getQuantity(), Integer::sum);
        }
        final String shopId = cleared.getOrder().getShopId();
        final List<StockMessage> requests = new ArrayList<>();
        final OrderReservation reservation = OrderReservation.start(orderId, shopId, lines, settings.policyOf(shopId), requests);
        if (stored != null) {
            // The shop cancelled before the order was cleared: it ends here, without holding a unit.
            final OrderReservation.Step cancelled = reservation.onCancel();
            save(orderId, reservation, now);
            cancelled.status().ifPresent(change -> forwardStatus(orderId, change, record, now));
            return;
        }
        save(orderId, reservation, now);
        forwardMessages(requests, record);
    }

    private void onEvent(final String orderId, final StoredOrder stored, final StockCommand command, final Record<String, Input> record,
                         final Instant now) {
        if (stored == null || stored.reservation() == null) {
            if (command.getHeld()) {
                forwardMessages(List.of(new StockMessage.ReleaseLine(orderId, command.getSku(), StockMessage.ANY_ATTEMPT)), record);
            }
            LOG.warn("Ignoring {} for order {}, which stock-reservation does not know", command.getType(), orderId);
            return;
        }
        final OrderReservation reservation = OrderReservation.restore(stored.reservation());
        switch (command.getType()) {
            case LINE_OUTCOME -> handle(orderId, reservation, record, now,
                    r -> r.onOutcome((StockMessage.LineOutcome) StockCommands.fromAvro(command), now));
            case RETRY_ORDER -> handle(orderId, reservation, record, now, OrderReservation::onRetry);
            case CONSUME_LINE -> handle(orderId, reservation, record, now,
                    r -> r.onShipped(command.getReference(), command.getSku(), command.getQuantity()));
            case ORDER_WITHDRAWN -> handle(orderId, reservation, record, now, OrderReservation::onWithdrawn);
            default -> LOG.warn("Ignoring a {} addressed to order {}", command.getType(), orderId);
        }
    }

    private void handle(final String orderId, final OrderReservation reservation, final Record<String, Input> record, final Instant now,
                        final java.util.function.Function<OrderReservation, OrderReservation.Step> event) {
        final OrderReservation.Step step = event.apply(reservation);
        save(orderId, reservation, now);
        forwardMessages(step.messages(), record);
        step.status().ifPresent(change -> {
            forwardStatus(orderId, change, record, now);
            if (change.state() == OrderReservation.State.RESERVED) {
                forwardReserved(orderId, reservation, record, now);
            }
        });
    }

    private void checkWaitingOrders(final long wallClockMillis) {
        final Instant now = Instant.ofEpochMilli(wallClockMillis);
        final List<KeyValue<String, StoredOrder>> all = new ArrayList<>();
        try (KeyValueIterator<String, StoredOrder> iterator = orders.all()) {
            iterator.forEachRemaining(all::add);
        }
        for (final KeyValue<String, StoredOrder> entry : all) {
            final StoredOrder stored = entry.value;
            final boolean expired = now.minus(settings.settledRetention()).toEpochMilli() > stored.updatedAt();
            if (stored.reservation() == null) {
                if (expired) {
                    orders.delete(entry.key); // a cancellation for an order that never came
                }
                continue;
            }
            final OrderReservation reservation = OrderReservation.restore(stored.reservation());
            if (reservation.isSettled() && expired) {
                orders.delete(entry.key);
                clearedOrders.delete(entry.key);
            } else if (reservation.state() == OrderReservation.State.BACKORDERED) {
                final Record<String, Input> tick = new Record<>(entry.key, null, wallClockMillis);
                handle(entry.key, reservation, tick, now, r -> r.onTime(now));
            }
        }
    }

    private void save(final String orderId, final OrderReservation reservation, final Instant now) {
        orders.put(orderId, new StoredOrder(reservation.snapshot(), false, now.toEpochMilli()));
    }

    private void forwardMessages(final List<StockMessage> messages, final Record<String, Input> cause) {
        for (final StockMessage message : messages) {
            final StockMessage.ToSku toSku = (StockMessage.ToSku) message;
            context.forward(new Record<String, Output>(toSku.sku(), new Output.ToSku(StockCommands.toAvro(message)), cause.timestamp()));
        }
    }

    private void forwardStatus(final String orderId, final OrderReservation.StatusChange change, final Record<String, Input> cause,
                               final Instant now) {
        final ClearedOrder cleared = clearedOrders.get(orderId);
        final OrderStatus orderStatus = switch (change.state()) {
            case RESERVED -> OrderStatus.RESERVED;
            case BACKORDERED -> OrderStatus.BACKORDERED;
            case OUT_OF_STOCK -> OrderStatus.OUT_OF_STOCK;
            case CANCELLED -> OrderStatus.CANCELLED;
            default -> OrderStatus.UNKNOWN;
        };
        final OrderStatusChange status = StatusChanges.change(orderId, cleared.getOrder().getShopId(), cleared.getOrder().getShopOrderRef(),
                orderStatus, change.reasonCode(), change.reason(), SOURCE, now);
        context.forward(new Record<String, Output>(orderId, new Output.Status(status), cause.timestamp()));
    }

    private void forwardReserved(final String orderId, final OrderReservation reservation, final Record<String, Input> cause,
                                 final Instant now) {
        final List<ReservedLine> lines = new ArrayList<>();
        reservation.lines().forEach((sku, quantity) -> lines.add(new ReservedLine(sku, quantity, settings.warehouseId())));
        final ReservedOrder reserved = new ReservedOrder(clearedOrders.get(orderId).getOrder(), lines, now);
        context.forward(new Record<String, Output>(orderId, new Output.Reserved(reserved), cause.timestamp()));
    }
}
