package org.orderpool.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.StockCommand;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.DeadLetterHeaders;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/**
 * Two instances of stock-reservation share the work on a real broker; one stops mid-stream and the
 * other takes its partitions over: no order is lost, none reserved twice, no unit held twice.
 */
@RealKafka
class StockReservationScaleOutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> SKUS = List.of("SKU-TEA-01", "SKU-TEA-02", "SKU-MUG-01", "SKU-BOWL-01", "SKU-BOOK-01", "SKU-SOAP-01");
    private static final int ORDERS = 240;
    private static ServiceUnderTest first;
    private static ServiceUnderTest second;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startTwoInstances(final KafkaPlatform platform) {
        first = ServiceUnderTest.start(StockReservationApplication::builder, platform, KafkaTestClient.uniquePrefix("scale"),
                "stock-reservation");
        second = first.anotherInstance("state-second-instance");
        kafka = second.kafka(); // outlives the first instance
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void shouldLoseAndDuplicateNothingWhenOneOfTwoInstancesStopsMidStream() {
        for (final String sku : SKUS) {
            kafka.send(topic(Topics.STOCK_MOVEMENTS), sku, StockMovement.newBuilder(Fixtures.receipt(sku, 10_000))
                    .setMovementId("scale-" + sku).build());
        }
        final List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            final Order order = Fixtures.order("scale-" + i).line(SKUS.get(i % SKUS.size()), 1 + i % 3)
                    .line(SKUS.get((i + 1) % SKUS.size()), 1).build();
            kafka.send(topic(Topics.ORDERS_CLEARED), order.getOrderId(), Fixtures.cleared(order));
            orderIds.add(order.getOrderId());
            if (i == ORDERS / 3) {
                kafka.readUntil(topic(Topics.ORDERS_RESERVED), c -> c.values().size() >= ORDERS / 6, TIMEOUT);
                first.close(); // mid-stream: a third sent, some reserved, the rest still to come
            }
        }

        final List<ReservedOrder> reserved = kafka.readUntil(topic(Topics.ORDERS_RESERVED), c -> c.values().size() >= ORDERS, TIMEOUT).values();
        final Map<String, Long> perOrder = reserved.stream().collect(Collectors.groupingBy(r -> r.getOrder().getOrderId(), Collectors.counting()));
        final List<OrderStatusChange> statuses = kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> c.values().size() >= ORDERS,
                Duration.ofSeconds(10)).values();
        assertThat(perOrder.keySet()).as(() -> "reserved orders; the statuses of those that are not: " + statuses.stream()
                .filter(change -> !perOrder.containsKey(change.getOrderId())).map(change -> change.getOrderId() + " "
                        + change.getStatus() + " " + change.getReasonCode() + " " + change.getReason()).toList()
                + "; what the order and SKU owners said about them, and the dead letters:\n" + trail(perOrder.keySet()))
                .containsExactlyInAnyOrderElementsOf(orderIds);
        assertThat(perOrder.values()).as("no order reserved twice").containsOnly(1L);

        assertThat(statuses).extracting(OrderStatusChange::getStatus).containsOnly(OrderStatus.RESERVED).hasSize(ORDERS);

        final long unitsOrdered = reserved.stream().flatMap(r -> r.getReservedLines().stream()).mapToLong(l -> l.getQuantity()).sum();
        final Map<String, StockLevel> latest = new HashMap<>();
        kafka.readUntil(topic(Topics.STOCK_LEVELS), c -> {
            latest.clear();
            c.values().forEach(level -> latest.put(level.getSku(), level));
            return latest.size() == SKUS.size() && latest.values().stream().mapToLong(StockLevel::getReserved).sum() == unitsOrdered;
        }, TIMEOUT);
        assertThat(latest.values().stream().mapToLong(StockLevel::getReserved).sum()).as("every unit held once").isEqualTo(unitsOrdered);
    }

    /** What the order owners and SKU owners said to each other about the orders not reserved, for a failure's message. */
    private static String trail(final Set<String> reservedIds) {
        final List<String> lines = new ArrayList<>();
        for (final Topic<String, StockCommand> internal : List.of(Topics.STOCK_RESERVATION_SKU_COMMANDS,
                Topics.STOCK_RESERVATION_ORDER_EVENTS)) {
            kafka.readUntil(topic(internal), c -> false, Duration.ofSeconds(3)).records().stream()
                    .filter(r -> !reservedIds.contains(r.value().getOrderId()))
                    .forEach(r -> lines.add(internal.name() + "@" + r.partition() + ":" + r.offset() + " " + r.value()));
        }
        kafka.readUntil(topic(Topics.ORDERS_CLEARED), c -> false, Duration.ofSeconds(3)).records().stream()
                .filter(r -> !reservedIds.contains(r.key()))
                .forEach(r -> lines.add("cleared@" + r.partition() + ":" + r.offset() + " ts=" + r.timestamp() + " " + r.key()));
        kafka.readUntil(topic(Topics.STOCK_MOVEMENTS), c -> false, Duration.ofSeconds(3)).records()
                .forEach(r -> lines.add("movement@" + r.partition() + ":" + r.offset() + " ts=" + r.timestamp() + " " + r.key()));
        kafka.readRawToEnd(topic(Topics.STOCK_RESERVATION_DLQ).name()).forEach(r -> {
            final Header error = r.headers().lastHeader(DeadLetterHeaders.MESSAGE);
            lines.add("dead letter: " + (error == null ? "(no error header)" : new String(error.value(), StandardCharsets.UTF_8)));
        });
        return String.join("\n", lines);
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return first.topic(topic);
    }
}
