package org.orderpool.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;

/** A follower hands every status on, and one that stops on an error says so to whoever waits on it. */
class StatusFollowerTest {

    private static final String TOPIC = "t.orders.status";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Order ORDER = Fixtures.order("followed").build();
    private static final Deserializer<OrderStatusChange> DECODES_AS_ACCEPTED = (topic, bytes) -> {
        if (!"accepted".equals(new String(bytes, StandardCharsets.UTF_8))) {
            throw new SerializationException("not a status change: " + new String(bytes, StandardCharsets.UTF_8));
        }
        return Fixtures.statusChange(ORDER, OrderStatus.ACCEPTED);
    };

    @Test
    void shouldHandEveryStatusChangeToTheListenerAndCloseQuietly() {
        final MockConsumer<byte[], byte[]> consumer = consumer();
        final List<OrderStatus> seen = new CopyOnWriteArrayList<>();
        final StatusFollower follower = new StatusFollower(consumer, TOPIC, DECODES_AS_ACCEPTED,
                (change, seenAtNanos) -> seen.add(change.getStatus()));

        consumer.addRecord(record(0, "accepted"));
        consumer.addRecord(record(1, "accepted"));

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
        follower.throwIfFailed();
        follower.close();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void shouldRethrowToTheWaitingTestTheErrorOfAListenerThatThrew() {
        final MockConsumer<byte[], byte[]> consumer = consumer();
        final StatusFollower follower = new StatusFollower(consumer, TOPIC, DECODES_AS_ACCEPTED, (change, seenAtNanos) -> {
            throw new IllegalArgumentException("the listener broke");
        });

        consumer.addRecord(record(0, "accepted"));

        await().atMost(Duration.ofSeconds(10)).until(consumer::closed);
        assertThatThrownBy(follower::throwIfFailed).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("t.orders.status-0@0").hasCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("the listener broke");
        assertThatThrownBy(follower::close).as("a test that only closes the follower hears of it too")
                .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("the listener broke");
    }

    @Test
    void shouldRethrowARecordItCouldNotDecodeWithWhereItIs() {
        final MockConsumer<byte[], byte[]> consumer = consumer();
        final List<OrderStatus> seen = new CopyOnWriteArrayList<>();
        final StatusFollower follower = new StatusFollower(consumer, TOPIC, DECODES_AS_ACCEPTED,
                (change, seenAtNanos) -> seen.add(change.getStatus()));

        consumer.addRecord(record(0, "accepted"));
        consumer.addRecord(record(1, "garbage"));

        await().atMost(Duration.ofSeconds(10)).until(consumer::closed);
        assertThat(seen).containsExactly(OrderStatus.ACCEPTED);
        assertThatThrownBy(follower::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("t.orders.status-0@1")
                .hasCauseInstanceOf(SerializationException.class);
    }

    private static MockConsumer<byte[], byte[]> consumer() {
        final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        final Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        return consumer;
    }

    private static ConsumerRecord<byte[], byte[]> record(final long offset, final String value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, new byte[0], value.getBytes(StandardCharsets.UTF_8));
    }
}
