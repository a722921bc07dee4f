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
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/** stock-reservation as it runs, on the real broker and registry: a multi-line order through its internal topics. */
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
