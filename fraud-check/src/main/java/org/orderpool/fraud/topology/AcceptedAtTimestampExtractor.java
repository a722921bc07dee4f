package org.orderpool.fraud.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.orderpool.contracts.Order;

/**
 * Gives an accepted order the time order-intake accepted it ({@code acceptedAt}, from the pool's clock)
 * as its record time inside fraud-check, so the orders it repartitions to the pool view, and the task's
 * stream time, carry pool time rather than the CreateTime a shop chose for its record. A record with no
 * order (a tombstone) takes fraud-check's wall clock. Decisions read {@code acceptedAt} from the order
 * itself; this keeps the shop's stamp off fraud-check's own topics as well.
 */
final class AcceptedAtTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        if (record.value() instanceof Order order && order.getAcceptedAt() != null) {
            return order.getAcceptedAt().toEpochMilli();
        }
        return System.currentTimeMillis();
    }
}
