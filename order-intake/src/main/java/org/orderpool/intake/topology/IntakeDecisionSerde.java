package org.orderpool.intake.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderRejection;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.IntakeDecision;

/**
 * A decision on order-intake's internal repartition topic: one byte saying which kind (accepted,
 * rejected, awaiting payment, cancelled), the length of its payload (the order's bytes, the rejection's,
 * or the cancelled order's id), that payload, for an order awaiting payment the epoch millis its payment
 * is due, then the status change's bytes. Each Avro part is written exactly as on its public topic (the
 * contract's Avro under that topic's registry subject), so the internal topic holds no encoding of its
 * own and no registry subject of its own. The kinds of the first version ('A', 'R') read as before.
 */
final class IntakeDecisionSerde implements Serde<IntakeDecision> {

    private static final byte ACCEPTED = 'A';
    private static final byte REJECTED = 'R';
    private static final byte AWAITING_PAYMENT = 'P';
    private static final byte CANCELLED = 'C';

    private final Serde<Order> orders;
    private final Serde<OrderRejection> rejections;
    private final Serde<OrderStatusChange> statuses;

    IntakeDecisionSerde(final BoundTopics topics) {
        this.orders = topics.valueSerdeAsOn(Topics.ORDERS_ACCEPTED);
        this.rejections = topics.valueSerdeAsOn(Topics.ORDERS_REJECTED);
        this.statuses = topics.valueSerdeAsOn(Topics.ORDERS_STATUS);
    }

    @Override
    public Serializer<IntakeDecision> serializer() {
        return (topic, decision) -> {
            if (decision == null) {
                return null;
            }
            final byte kind;
            final byte[] payload;
            if (decision instanceof IntakeDecision.Accepted accepted) {
                kind = ACCEPTED;
                payload = orders.serializer().serialize(topic, accepted.order());
            } else if (decision instanceof IntakeDecision.Rejected rejected) {
                kind = REJECTED;
                payload = rejections.serializer().serialize(topic, rejected.rejection());
            } else if (decision instanceof IntakeDecision.AwaitingPayment waiting) {
                kind = AWAITING_PAYMENT;
                payload = orders.serializer().serialize(topic, waiting.order());
            } else {
                kind = CANCELLED;
                payload = decision.orderId().getBytes(StandardCharsets.UTF_8);
            }
            final byte[] status = statuses.serializer().serialize(topic, decision.status());
            final int dueTime = kind == AWAITING_PAYMENT ? Long.BYTES : 0;
            final ByteBuffer out = ByteBuffer.allocate(1 + Integer.BYTES + payload.length + dueTime + status.length)
                    .put(kind).putInt(payload.length).put(payload);
            if (decision instanceof IntakeDecision.AwaitingPayment waiting) {
                out.putLong(waiting.payBy().toEpochMilli());
            }
            return out.put(status).array();
        };
    }

    @Override
    public Deserializer<IntakeDecision> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (bytes.length < 1 + Integer.BYTES) {
                throw new SerializationException("an intake decision on " + topic + " is too short: " + bytes.length + " bytes");
            }
            final byte kind = buffer.get();
            final int length = buffer.getInt();
            final int extra = kind == AWAITING_PAYMENT ? Long.BYTES : 0;
            if (length < 0 || length + extra > buffer.remaining()) {
                throw new SerializationException("an intake decision on " + topic + " announces " + length
                        + " bytes of order but has " + buffer.remaining());
            }
            final byte[] payload = Arrays.copyOfRange(bytes, buffer.position(), buffer.position() + length);
            buffer.position(buffer.position() + length);
            final Instant payBy = kind == AWAITING_PAYMENT ? Instant.ofEpochMilli(buffer.getLong()) : null;
            final byte[] status = Arrays.copyOfRange(bytes, buffer.position(), bytes.length);
            final OrderStatusChange change = statuses.deserializer().deserialize(topic, status);
            return switch (kind) {
                case ACCEPTED -> new IntakeDecision.Accepted(orders.deserializer().deserialize(topic, payload), change);
                case REJECTED -> new IntakeDecision.Rejected(rejections.deserializer().deserialize(topic, payload), change);
                case AWAITING_PAYMENT ->
                        new IntakeDecision.AwaitingPayment(orders.deserializer().deserialize(topic, payload), change, payBy);
                case CANCELLED -> new IntakeDecision.Cancelled(new String(payload, StandardCharsets.UTF_8), change);
                default -> throw new SerializationException("an intake decision on " + topic + " is of no known kind: " + kind);
            };
        };
    }
}
