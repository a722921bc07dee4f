package org.orderpool.intake.topology;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.ShopOrderKey;
import org.orderpool.intake.domain.CancellationReasons;
import org.orderpool.intake.domain.OrderIds;

/**
 * A Kafka-native shop's cancellation, from its own topic {@code shop.orders.cancelled.<shopId>}, as the
 * pool's {@code orders.cancellations} record: keyed by the order id that the topic's shop and the key's ref
 * name, stamped with the pool's wall clock, the reason made safe to repeat. Only that shop may write to its
 * topic, so the topic says who asks; a record whose key or value names another shop or another order is
 * ambiguous and, like a record without a key, is thrown out to the dead-letter topic with its bytes: a
 * cancellation is never applied to an order it might not mean.
 */
final class ShopCancellationProcessor implements Processor<ShopOrderKey, OrderCancellation, String, OrderCancellation> {

    private final Function<String, Optional<String>> shopOfTopic;
    private ProcessorContext<String, OrderCancellation> context;

    ShopCancellationProcessor(final Function<String, Optional<String>> shopOfTopic) {
        this.shopOfTopic = shopOfTopic;
    }

    @Override
    public void init(final ProcessorContext<String, OrderCancellation> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<ShopOrderKey, OrderCancellation> record) {
        if (record.value() == null) {
            return; // a tombstone cancels nothing
        }
        final Optional<RecordMetadata> metadata = context.recordMetadata();
        final String where = metadata.map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
        final String shopId = metadata.flatMap(m -> shopOfTopic.apply(m.topic()))
                .orElseThrow(() -> new IllegalArgumentException("record " + where + " is on no shop's cancellation topic"));
        if (record.key() == null) {
            throw new IllegalArgumentException("cancellation " + where + " has no key: it is keyed by the shop and the order"
                    + " ref it cancels; it is dead-lettered, no order is cancelled");
        }
        final String ref = strip(record.key().getShopOrderRef());
        final String orderId = OrderIds.forShopOrder(shopId, ref);
        final OrderCancellation value = record.value();
        if (!strip(record.key().getShopId()).equals(shopId) || ref.isEmpty() || !blankOr(value.getShopId(), shopId)
                || !blankOr(value.getShopOrderRef(), ref) || !blankOr(value.getOrderId(), orderId)) {
            throw new IllegalArgumentException("cancellation " + where + " on the cancellation topic of shop '" + shopId
                    + "' names another shop or order in its key or value; it is dead-lettered, no order is cancelled");
        }
        final long now = context.currentSystemTimeMs();
        final String cancellationId = blank(value.getCancellationId()) ? orderId + ":cancellation:" + shopId
                : CancellationReasons.safe(value.getCancellationId());
        context.forward(new Record<>(orderId, OrderCancellation.newBuilder()
                .setCancellationId(cancellationId)
                .setOrderId(orderId)
                .setShopId(shopId)
                .setShopOrderRef(ref)
                .setReason(CancellationReasons.safe(value.getReason()))
                .setRequestedAt(Instant.ofEpochMilli(now))
                .build(), now));
    }

    private static boolean blankOr(final String value, final String expected) {
        return blank(value) || value.strip().equals(expected);
    }

    private static boolean blank(final String value) {
        return value == null || value.isBlank();
    }

    private static String strip(final String value) {
        return value == null ? "" : value.strip();
    }
}
