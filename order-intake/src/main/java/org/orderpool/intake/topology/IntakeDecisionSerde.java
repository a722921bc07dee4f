package org.orderpool.intake.topology;

import java.nio.ByteBuffer;
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
 * A decision on order-intake's internal repartition topic: one byte saying accepted or rejected, the
 * length of the order's (or the rejection's) bytes, those bytes, then the status change's. Each part
 * is written exactly as on its public topic (the contract's Avro under that topic's registry subject),
 * so the internal topic holds no encoding of its own and no registry subject of its own.
 */
final class IntakeDecisionSerde implements Serde<IntakeDecision> {

    private static final byte ACCEPTED = 'A';
    private static final byte REJECTED = 'R';

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
            final boolean accepted = decision instanceof IntakeDecision.Accepted;
            final byte[] payload = accepted
                    ? orders.serializer().serialize(topic, ((IntakeDecision.Accepted) decision).order())
                    : rejections.serializer().serialize(topic, ((IntakeDecision.Rejected) decision).rejection());
            final byte[] status = statuses.serializer().serialize(topic, decision.status());
            return ByteBuffer.allocate(1 + Integer.BYTES + payload.length + status.length)
                    .put(accepted ? ACCEPTED : REJECTED).putInt(payload.length).put(payload).put(status).array();
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
            if (length < 0 || length > buffer.remaining()) {
                throw new SerializationException("an intake decision on " + topic + " announces " + length
                        + " bytes of order but has " + buffer.remaining());
            }
            final byte[] payload = Arrays.copyOfRange(bytes, buffer.position(), buffer.position() + length);
            final byte[] status = Arrays.copyOfRange(bytes, buffer.position() + length, bytes.length);
            final OrderStatusChange change = statuses.deserializer().deserialize(topic, status);
            return switch (kind) {
                case ACCEPTED -> new IntakeDecision.Accepted(orders.deserializer().deserialize(topic, payload), change);
                case REJECTED -> new IntakeDecision.Rejected(rejections.deserializer().deserialize(topic, payload), change);
                default -> throw new SerializationException("an intake decision on " + topic + " is of no known kind: " + kind);
            };
        };
    }
}
