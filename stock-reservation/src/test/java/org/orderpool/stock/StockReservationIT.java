package org.orderpool.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.StockLevel;
import org.orderpool.contracts.StockMovement;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/**
 * stock-reservation as it runs, on the real broker and registry: a multi-line order through its internal topics, and an order
 * with one SKU reserved where its SKU's owner reads it.
 */
@RealKafka
class StockReservationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static ServiceUnderTest service;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startService(final KafkaPlatform platform) {
        service = ServiceUnderTest.start(StockReservationApplication::builder, platform, KafkaTestClient.uniquePrefix("stock"),
                "stock-reservation");
        kafka = service.kafka();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @Test
    void shouldReserveEveryLineOfAMultiLineOrderAndReleaseThemWhenShippingWithdrawsItsParcels() {
        for (final String sku : List.of("SKU-TEA-01", "SKU-MUG-01", "SKU-POT-01")) {
            kafka.send(topic(Topics.STOCK_MOVEMENTS), sku, StockMovement.newBuilder(Fixtures.receipt(sku, 4)).setMovementId("it-" + sku).build());
        }
        final Order order = Fixtures.order("it-multi").line("SKU-TEA-01", 2).line("SKU-MUG-01", 1).line("SKU-POT-01", 3).build();

        kafka.send(topic(Topics.ORDERS_CLEARED), order.getOrderId(), Fixtures.cleared(order));

        final List<ReservedOrder> reserved = kafka.readUntil(topic(Topics.ORDERS_RESERVED), c -> !c.valuesFor("it-multi").isEmpty(), TIMEOUT)
                .valuesFor("it-multi");
        assertThat(reserved).singleElement().satisfies(r -> assertThat(r.getReservedLines())
                .extracting(l -> l.getSku() + "x" + l.getQuantity()).containsExactlyInAnyOrder("SKU-TEA-01x2", "SKU-MUG-01x1", "SKU-POT-01x3"));
        assertThat(latestLevel("SKU-POT-01", level -> level.getReserved() == 3)).satisfies(level -> {
            assertThat(level.getOnHand()).isEqualTo(4);
            assertThat(level.getAvailable()).isEqualTo(1);
        });

        kafka.send(topic(Topics.ORDERS_CANCELLATIONS), order.getOrderId(), Fixtures.cancellation(order));
        final Parcel withdrawn = Parcel.newBuilder(Fixtures.parcel(order, "colis-express")).setState(ParcelState.WITHDRAWN).build();
        kafka.send(topic(Topics.SHIPPING_PARCELS), withdrawn.getParcelId(), withdrawn);

        assertThat(latestLevel("SKU-POT-01", level -> level.getReserved() == 0).getAvailable()).isEqualTo(4);
        assertThat(kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> c.valuesFor("it-multi").size() >= 2, Duration.ofSeconds(2))
                .valuesFor("it-multi")).as("shipping-scheduler announces the cancellation")
                .extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.RESERVED);
    }

    @Test
    void shouldReserveAnOrderWithOneSkuWhereItsSkuIsReadWhenItComesOnThatSkusPartition() {
        final String sku = "SKU-KETTLE-01";
        final int skuPartition = Topics.partitionOf(sku, Topics.SKU_PARTITIONS);
        String orderId = "it-single";
        for (int i = 0; Topics.partitionOf(orderId, Topics.ORDER_PARTITIONS) == skuPartition; i++) {
            orderId = "it-single-" + i; // owned by another task than its SKU: the answer crosses to it over order-events
        }
        kafka.send(topic(Topics.STOCK_MOVEMENTS), sku, StockMovement.newBuilder(Fixtures.receipt(sku, 3)).setMovementId("it-" + sku).build());
        final Order order = Fixtures.order(orderId).line(sku, 2).build();

        kafka.sendToPartition(topic(Topics.ORDERS_CLEARED), skuPartition, orderId, Fixtures.cleared(order), ClearedOrderPartitions.atSku(sku));

        final String id = orderId;
        assertThat(kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> !c.valuesFor(id).isEmpty(), TIMEOUT).valuesFor(id))
                .extracting(OrderStatusChange::getStatus).containsExactly(OrderStatus.RESERVED);
        assertThat(latestLevel(sku, level -> level.getReserved() == 2).getAvailable()).isEqualTo(1);
        assertThat(kafka.readToEnd(topic(Topics.STOCK_RESERVATION_SKU_COMMANDS))).as("its SKU's owner read it: no request")
                .noneMatch(command -> command.value().getOrderId().equals(id));
        assertThat(kafka.readToEnd(topic(Topics.STOCK_RESERVATION_ORDER_EVENTS))).filteredOn(event -> event.value().getOrderId().equals(id))
                .as("the answer, keyed by the order, to its order's owner in another task").singleElement().satisfies(answer -> {
                    assertThat(answer.key()).isEqualTo(id);
                    assertThat(answer.partition()).isNotEqualTo(skuPartition);
                    assertThat(answer.value().getHeld()).isTrue();
                    assertThat(answer.value().getCleared()).as("bringing the order its owner never saw").isNotNull();
                    assertThat(answer.headers().lastHeader(ClearedOrderPartitions.AT_SKU_HEADER)).isNull();
                });
    }

    private static StockLevel latestLevel(final String sku, final java.util.function.Predicate<StockLevel> wanted) {
        final List<StockLevel> levels = kafka.readUntil(topic(Topics.STOCK_LEVELS), c -> {
            final List<StockLevel> forSku = c.valuesFor(sku);
            return !forSku.isEmpty() && wanted.test(forSku.get(forSku.size() - 1));
        }, TIMEOUT).valuesFor(sku);
        assertThat(levels).isNotEmpty();
        return levels.get(levels.size() - 1);
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return service.topic(topic);
    }
}
