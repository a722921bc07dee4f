package org.orderpool.intake.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.orderpool.contracts.topic.Topics;

/**
 * The pool's order id: a name-based UUID of the shop id and the shop's order reference. The same
 * order always gets the same id, whichever way and however often it is sent, and a shop can compute
 * it itself.
 */
public final class OrderIds {

    private OrderIds() {
    }

    public static String forShopOrder(final String shopId, final String shopOrderRef) {
        final String name = "orderpool:" + clean(shopId) + ":" + clean(shopOrderRef);
        return "ord-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The partition of the pool's order-keyed topics ({@link Topics#ORDER_PARTITIONS} of them) that owns an order id: the
     * producer's default partitioner over the id's UTF-8 bytes, as Kafka Streams writes a topic keyed by order id. It is
     * the task and store partition of order-intake's deduplication; a submission written to it (the gateway does, a
     * Kafka-native shop may) is decided there without the repartition by order id.
     */
    public static int partitionOf(final String orderId) {
        return Topics.partitionOf(orderId, Topics.ORDER_PARTITIONS);
    }

    private static String clean(final String value) {
        return value == null ? "" : value.strip();
    }
}
