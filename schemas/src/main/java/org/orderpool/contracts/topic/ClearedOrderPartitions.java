package org.orderpool.contracts.topic;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderLine;

/**
 * Where a cleared order goes on {@code orders.cleared}. Keyed by its order id, and written to that id's partition, but for an
 * order with one SKU that fraud-check cleared without a review and without an update waiting for it: that one goes to its
 * SKU's partition (the partition of {@code stock-reservation.sku-commands} and {@code stock.movements} that holds the SKU,
 * {@link Topics#SKU_PARTITIONS} = {@link Topics#ORDER_PARTITIONS}), with the header {@link #AT_SKU_HEADER} naming the SKU,
 * so that the owner of the SKU's stock reserves it where it reads it: one transaction from orders.cleared to RESERVED.
 * stock-reservation reserves so only an order with that header whose SKU is the one partition it came on holds; any
 * other it hands to the order's owner, so a producer that writes every cleared order to its order id's partition (a
 * version before 2026-12-07, a benchmark) loses nothing but that hop.
 */
public final class ClearedOrderPartitions {

    /** The header of a cleared order written to its one SKU's partition; its value is the SKU in UTF-8. */
    public static final String AT_SKU_HEADER = "orderpool-at-sku";

    private ClearedOrderPartitions() {
    }

    /** The SKU of every line of the order, if they all have the same one. */
    public static Optional<String> onlySkuOf(final Order order) {
        String sku = null;
        for (final OrderLine line : order.getLines()) {
            if (sku != null && !sku.equals(line.getSku())) {
                return Optional.empty();
            }
            sku = line.getSku();
        }
        return Optional.ofNullable(sku);
    }

    /** The headers of a cleared order written to the partition of {@code sku}. */
    public static Headers atSku(final String sku) {
        return new RecordHeaders().add(AT_SKU_HEADER, sku.getBytes(StandardCharsets.UTF_8));
    }

    /** The SKU a cleared order was written to the partition of, by its headers, if it was. */
    public static Optional<String> atSkuOf(final Headers headers) {
        final Header header = headers == null ? null : headers.lastHeader(AT_SKU_HEADER);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Writes each cleared order to the partition of its one SKU (for the orders fraud-check sends there). */
    public static StreamPartitioner<String, ClearedOrder> bySku() {
        return (topic, orderId, cleared, partitions) -> Optional.of(Set.of(Topics.partitionOf(
                onlySkuOf(cleared.getOrder()).orElseThrow(() -> new IllegalArgumentException("order " + orderId
                        + " has more than one SKU: it goes to its order id's partition")), partitions)));
    }
}
