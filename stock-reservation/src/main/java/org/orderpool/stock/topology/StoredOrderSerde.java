package org.orderpool.stock.topology;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.runtime.CompactStateSerde;
import org.orderpool.stock.domain.OrderReservation;

/**
 * The order owner's stored order, with the cleared order (as the shop last updated it) inside, so an order costs one
 * changelog record where it cost two. The form: a format byte ({@link #FORMAT}), the cleared order's length as a
 * 4-byte big-endian int ({@code -1} for none) and its bytes as the contract's Avro serde writes them (registry framed:
 * magic byte, schema id, Avro body, so a later schema of {@code orders.cleared} still reads them), then the rest of
 * the stored order (its reservation, whether a cancellation came first, when it was written) in its compact form
 * ({@link StockStateSerdes#storedOrderFields()}).
 *
 * <p>It still reads what stock-reservation wrote before: {@link #FIRST_FORMAT}, the same frame with the rest as JSON,
 * and the JSON of the stored order alone (a value starting with <code>{</code>), read with no cleared order (that
 * version kept it in {@link StockReservationTopology#LEGACY_CLEARED_STORE}), so a running pool upgrades in place, store
 * name and changelog unchanged. A version before this one cannot read what this one writes (it names the unknown
 * format): going back means resetting the store.
 */
final class StoredOrderSerde implements Serde<OrderProcessor.StoredOrder> {

    /** The first binary form (2026-12-03, morning): the cleared order, then the rest as JSON. */
    static final byte FIRST_FORMAT = 1;
    /** Since 2026-12-03, afternoon: the cleared order, then the rest in its compact form. */
    static final byte FORMAT = 2;
    private static final int NO_ORDER = -1;
    private static final int HEADER = 1 + Integer.BYTES;

    /** The stored order without its cleared order: what this form ends with, and all the first version wrote (as JSON). */
    record Fields(OrderReservation.Snapshot reservation, boolean cancelledBeforeCleared, long updatedAt) {
    }

    private final Serde<ClearedOrder> clearedSerde;
    private final CompactStateSerde<Fields> fields = StockStateSerdes.storedOrderFields();

    /** @param clearedSerde the contract's serde for {@code orders.cleared} values, on that topic's registry subject */
    StoredOrderSerde(final Serde<ClearedOrder> clearedSerde) {
        this.clearedSerde = clearedSerde;
    }

    @Override
    public Serializer<OrderProcessor.StoredOrder> serializer() {
        final Serializer<ClearedOrder> cleared = clearedSerde.serializer();
        final Serializer<Fields> rest = fields.serializer();
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            final byte[] order = value.order() == null ? null : cleared.serialize(topic, value.order());
            final byte[] restBytes = rest.serialize(topic,
                    new Fields(value.reservation(), value.cancelledBeforeCleared(), value.updatedAt()));
            final ByteBuffer bytes = ByteBuffer.allocate(HEADER + (order == null ? 0 : order.length) + restBytes.length);
            bytes.put(FORMAT).putInt(order == null ? NO_ORDER : order.length);
            if (order != null) {
                bytes.put(order);
            }
            return bytes.put(restBytes).array();
        };
    }

    @Override
    public Deserializer<OrderProcessor.StoredOrder> deserializer() {
        final Deserializer<ClearedOrder> cleared = clearedSerde.deserializer();
        final Deserializer<Fields> rest = fields.deserializer(); // the compact form, or the first format's JSON
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                // written by a stock-reservation before this form, its cleared order apart
                return withOrder(rest.deserialize(topic, bytes), null);
            }
            if (bytes.length == 0 || bytes[0] < FIRST_FORMAT || bytes[0] > FORMAT) {
                throw new SerializationException("cannot read a stored order from " + topic + ": unknown format "
                        + (bytes.length == 0 ? "(empty)" : Byte.toString(bytes[0])));
            }
            final int length = bytes.length < HEADER ? Integer.MIN_VALUE : ByteBuffer.wrap(bytes, 1, Integer.BYTES).getInt();
            if (length < NO_ORDER || HEADER + Math.max(length, 0) > bytes.length) {
                throw new SerializationException("cannot read a stored order from " + topic + ": truncated ("
                        + bytes.length + " bytes)");
            }
            final int restAt = HEADER + Math.max(length, 0);
            final ClearedOrder order = length == NO_ORDER ? null
                    : cleared.deserialize(topic, Arrays.copyOfRange(bytes, HEADER, restAt));
            return withOrder(rest.deserialize(topic, Arrays.copyOfRange(bytes, restAt, bytes.length)), order);
        };
    }

    private static OrderProcessor.StoredOrder withOrder(final Fields fields, final ClearedOrder order) {
        return new OrderProcessor.StoredOrder(fields.reservation(), fields.cancelledBeforeCleared(), fields.updatedAt(),
                order);
    }
}
