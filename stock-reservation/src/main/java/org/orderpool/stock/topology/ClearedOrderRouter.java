package org.orderpool.stock.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockCommandType;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.stock.domain.StockMessage;

/**
 * Where a cleared order read from orders.cleared goes, decided in the task that read it (which owns that partition's SKUs
 * and orders). Headers are not passed on.
 *
 * <ul>
 * <li><b>No {@link ClearedOrderPartitions} header</b>: fraud-check wrote it to its order id's partition, so its order's
 * owner is this task ({@link Routed.ToOrder}).</li>
 * <li><b>The header, one SKU, on that SKU's partition, a first attempt that asks the SKU to announce it, and a SKU owner
 * not done with the order</b> ({@link Routed.ToSku}): straight to the SKU's owner as the request the order's owner would
 * have sent, the cleared order inside. The SKU's answer brings the order to its owner, who has not seen it, as for an
 * order sent unstored ({@link OrderProcessor}). Under exactly-once that is one transaction from orders.cleared to
 * RESERVED; at least once the SKU answers without announcing and the order's owner announces, a transaction later.</li>
 * <li><b>The header otherwise</b> ({@link Routed.Elsewhere}): to its order's owner over stock-reservation.order-events,
 * which is partitioned by order id. That covers an order whose SKU another task owns, one with more SKUs, and one the
 * SKU's owner is done with ({@link StockReservationTopology#DONE_AT_SKU_STORE}: its units given back or shipped, or a
 * request of it not held). The last is the same cleared order read again (fraud-check run again over its input, a
 * redelivery at least once), however it came the first time: its order's owner knows it, where its SKU would hold its
 * units again. One read again while its units are still held does go to the SKU, which answers it as the redelivery it
 * is.</li>
 * </ul>
 */
final class ClearedOrderRouter implements Processor<String, ClearedOrder, String, ClearedOrderRouter.Routed> {

    /** Where a cleared order goes. */
    sealed interface Routed {
        /** The request of its first attempt, keyed by its one SKU, whose owner is this task. */
        record ToSku(StockCommand request) implements Routed {
        }

        /** To its order's owner, this task. */
        record ToOrder(ClearedOrder order) implements Routed {
        }

        /** To its order's owner, wherever it is, over stock-reservation.order-events. */
        record Elsewhere(StockCommand command) implements Routed {
        }
    }

    private final StockSettings settings;
    private ProcessorContext<String, Routed> context;
    private WindowStore<String, Long> doneAtSku;

    ClearedOrderRouter(final StockSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
        this.doneAtSku = context.getStateStore(StockReservationTopology.DONE_AT_SKU_STORE);
    }

    @Override
    public void process(final Record<String, ClearedOrder> record) {
        final String orderId = record.key();
        final Record<String, ClearedOrder> bare = record.withHeaders(new RecordHeaders());
        final Optional<String> atSku = ClearedOrderPartitions.atSkuOf(record.headers());
        if (atSku.isEmpty()) {
            context.forward(bare.withValue(new Routed.ToOrder(record.value())));
            return;
        }
        final Optional<StockCommand> request = requestAtItsSku(record, atSku.get());
        if (request.isPresent()) {
            context.forward(bare.withKey(request.get().getSku()).withValue(new Routed.ToSku(request.get())));
        } else {
            context.forward(bare.withValue(new Routed.Elsewhere(StockCommand.newBuilder().setType(StockCommandType.ORDER_CLEARED)
                    .setOrderId(orderId).setCleared(record.value()).build())));
        }
    }

    /**
     * The request the order's owner would send for the order's first attempt, if the order's one SKU is {@code atSku}, this
     * task owns it (it came on its partition), that attempt is one request asking the SKU to announce it, and the SKU's owner
     * is not done with the order.
     */
    private Optional<StockCommand> requestAtItsSku(final Record<String, ClearedOrder> record, final String atSku) {
        final int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        if (!ClearedOrderPartitions.onlySkuOf(record.value().getOrder()).filter(atSku::equals).isPresent()
                || Topics.partitionOf(atSku, Topics.SKU_PARTITIONS) != partition) {
            return Optional.empty();
        }
        final List<StockMessage> requests = new ArrayList<>();
        OrderProcessor.startReservation(settings, record.key(), record.value(), requests);
        if (requests.size() != 1 || !(requests.get(0) instanceof StockMessage.ReserveLine reserve) || !reserve.announce()) {
            return Optional.empty();
        }
        if (SkuProcessor.doneWith(doneAtSku, record.key(), context.currentSystemTimeMs(), settings)) {
            return Optional.empty();
        }
        return Optional.of(OrderProcessor.request(reserve, record.value(), true));
    }
}
