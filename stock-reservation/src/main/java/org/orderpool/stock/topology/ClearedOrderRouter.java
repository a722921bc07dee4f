package org.orderpool.stock.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockCommandType;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.stock.domain.StockMessage;

/**
 * Where a cleared order read from orders.cleared goes, in the task that read it (which owns the SKUs and the orders of that
 * partition). An order with one SKU that fraud-check wrote to that SKU's partition ({@link ClearedOrderPartitions}) goes
 * straight to the SKU's owner, as the request its order's owner would have sent (the first attempt, asking the SKU to
 * announce it, the cleared order inside): its answer brings the order to its owner, who has not seen it, as for an order
 * sent unstored ({@link OrderProcessor}). One transaction from orders.cleared to RESERVED, under exactly-once; at least once
 * the SKU answers without announcing and the order's owner announces, a transaction later. Any other order goes to its
 * owner: here if this task owns it (fraud-check writes it to its order id's partition), else through
 * stock-reservation.order-events. Headers are not passed on.
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

        /** To its order's owner in another task, over stock-reservation.order-events. */
        record Elsewhere(StockCommand command) implements Routed {
        }
    }

    private final StockSettings settings;
    private ProcessorContext<String, Routed> context;

    ClearedOrderRouter(final StockSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(final ProcessorContext<String, Routed> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<String, ClearedOrder> record) {
        final String orderId = record.key();
        final int partition = context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
        final Record<String, ClearedOrder> bare = record.withHeaders(new RecordHeaders());
        final Optional<StockCommand> request = requestAtItsSku(record, partition);
        if (request.isPresent()) {
            context.forward(bare.withKey(request.get().getSku()).withValue(new Routed.ToSku(request.get())));
        } else if (Topics.partitionOf(orderId, Topics.ORDER_PARTITIONS) == partition) {
            context.forward(bare.withValue(new Routed.ToOrder(record.value())));
        } else {
            context.forward(bare.withValue(new Routed.Elsewhere(StockCommand.newBuilder().setType(StockCommandType.ORDER_CLEARED)
                    .setOrderId(orderId).setCleared(record.value()).build())));
        }
    }

    /**
     * The request the order's owner would send for the order's first attempt, if the order came on its one SKU's partition
     * (its header says so, and this task owns that SKU) and that attempt is one request that asks its SKU to announce it.
     */
    private Optional<StockCommand> requestAtItsSku(final Record<String, ClearedOrder> record, final int partition) {
        final Optional<String> sku = ClearedOrderPartitions.atSkuOf(record.headers())
                .filter(atSku -> ClearedOrderPartitions.onlySkuOf(record.value().getOrder()).filter(atSku::equals).isPresent())
                .filter(atSku -> Topics.partitionOf(atSku, Topics.SKU_PARTITIONS) == partition);
        if (sku.isEmpty()) {
            return Optional.empty();
        }
        final List<StockMessage> requests = new ArrayList<>();
        OrderProcessor.startReservation(settings, record.key(), record.value(), requests);
        if (requests.size() != 1 || !(requests.get(0) instanceof StockMessage.ReserveLine reserve) || !reserve.announce()) {
            return Optional.empty();
        }
        return Optional.of(OrderProcessor.request(reserve, record.value(), true));
    }
}
