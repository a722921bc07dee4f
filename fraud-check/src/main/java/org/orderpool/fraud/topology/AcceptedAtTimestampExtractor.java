package org.orderpool.fraud.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.orderpool.contracts.Order;

/**
 * Gives an accepted order the time order-intake accepted it ({@code acceptedAt}, by the pool's clock) as
 * its record time in fraud-check, so that the orders it repartitions to the pool view, and the task's
 * stream time, carry pool time, not the CreateTime a shop chose for its record. A record with no order
 * (a tombstone) takes fraud-check's wall clock. The pool view reads {@code acceptedAt} from the order
 * itself; this keeps the shop's stamp off the topics fraud-check writes.
 */
final class AcceptedAtTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
        if (record.value() instanceof Order order) {
            return order.getAcceptedAt().toEpochMilli();
        }
        return System.currentTimeMillis();
    }
}
