package org.orderpool.stock.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.JsonStateSerde;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.stock.domain.OrderReservation;
import org.orderpool.stock.domain.ShopStockPolicy;
import org.orderpool.testing.Fixtures;

class StoredOrderSerdeTest {

    private static final String TOPIC = "stock-reservation-stock-orders-changelog";
    private static final long UPDATED_AT = Fixtures.T0.toEpochMilli();

    private final Serde<ClearedOrder> clearedSerde = new BoundTopics(AvroSerdes.inMemory(), "")
            .valueSerdeAsOn(Topics.ORDERS_CLEARED);
    private final StoredOrderSerde serde = new StoredOrderSerde(clearedSerde);

    @Test
    void shouldReadBackAnOrderWithItsClearedOrderInside() {
        final ClearedOrder cleared = Fixtures.cleared(Fixtures.order("o-1").line("SKU-A", 2).line("SKU-B", 1).build());
        final OrderProcessor.StoredOrder stored = new OrderProcessor.StoredOrder(reservation("o-1"), false, UPDATED_AT,
                cleared);

        final byte[] bytes = serde.serializer().serialize(TOPIC, stored);

        assertThat(bytes[0]).isEqualTo(StoredOrderSerde.FORMAT);
        final OrderProcessor.StoredOrder read = roundTrip(stored);
        assertThat(read).isEqualTo(stored);
        assertThat(read.order().getOrder().getLines()).hasSize(2);
        assertThat(read.order().getAssessment()).isEqualTo(cleared.getAssessment());
    }

    @Test
    void shouldReadBackAnOrderAsTheShopUpdatedIt() {
        final Order updated = Fixtures.order("o-1").line("SKU-A", 3).build();
        updated.getShippingAddress().setLine1("3 place Bellecour");
        final ClearedOrder cleared = ClearedOrder.newBuilder(Fixtures.cleared(Fixtures.order("o-1").line("SKU-A", 1)
                .build())).setOrder(updated).build();

        final OrderProcessor.StoredOrder read = roundTrip(new OrderProcessor.StoredOrder(reservation("o-1"), false,
                UPDATED_AT, cleared));

        assertThat(read.order().getOrder().getShippingAddress().getLine1()).isEqualTo("3 place Bellecour");
        assertThat(read.order().getOrder().getLines()).singleElement()
                .satisfies(line -> assertThat(line.getQuantity()).isEqualTo(3));
    }

    @Test
    void shouldReadBackACancellationThatCameFirstWithoutAnOrder() {
        final OrderProcessor.StoredOrder stored = new OrderProcessor.StoredOrder(null, true, UPDATED_AT);

        assertThat(roundTrip(stored)).isEqualTo(stored);
        assertThat(serde.serializer().serialize(TOPIC, stored)[0]).isEqualTo(StoredOrderSerde.FORMAT);
    }

    @Test
    void shouldReadTheJsonAnEarlierStockReservationWroteWithNoOrderSoAPoolUpgradesInPlace() {
        final OrderReservation.Snapshot reservation = reservation("o-1");
        final byte[] earlier = new PreviousStoredOrder(reservation, false, UPDATED_AT).json();
        final byte[] cancelledFirst = "{\"reservation\":null,\"cancelledBeforeCleared\":true,\"updatedAt\":1800000000000}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(serde.deserializer().deserialize(TOPIC, earlier))
                .isEqualTo(new OrderProcessor.StoredOrder(reservation, false, UPDATED_AT, null));
        assertThat(serde.deserializer().deserialize(TOPIC, cancelledFirst))
                .isEqualTo(new OrderProcessor.StoredOrder(null, true, 1_800_000_000_000L, null));
    }

    @Test
    void shouldReadTheFirstBinaryFormWhoseReservationWasJson() {
        final ClearedOrder cleared = Fixtures.cleared(Fixtures.order("o-1").line("SKU-A", 2).build());
        final byte[] order = clearedSerde.serializer().serialize(TOPIC, cleared);
        final byte[] json = new JsonStateSerde<>(StoredOrderSerde.Fields.class).serializer()
                .serialize(TOPIC, new StoredOrderSerde.Fields(reservation("o-1"), false, UPDATED_AT));
        final byte[] first = ByteBuffer.allocate(1 + Integer.BYTES + order.length + json.length)
                .put(StoredOrderSerde.FIRST_FORMAT).putInt(order.length).put(order).put(json).array();

        assertThat(serde.deserializer().deserialize(TOPIC, first))
                .isEqualTo(new OrderProcessor.StoredOrder(reservation("o-1"), false, UPDATED_AT, cleared));
        assertThat(serde.serializer().serialize(TOPIC, serde.deserializer().deserialize(TOPIC, first)).length)
                .as("written back in the compact form, smaller").isLessThan(first.length);
    }

    @Test
    void shouldNameTheStoreAndTheFormatOfAValueItCannotRead() {
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {9, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining(TOPIC)
                .hasMessageContaining("unknown format 9");
        final byte[] cut = {StoredOrderSerde.FORMAT, 0, 0, 0, 40, 1}; // says 40 bytes of cleared order, has 1
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, cut))
                .isInstanceOf(SerializationException.class).hasMessageContaining(TOPIC).hasMessageContaining("truncated");
    }

    @Test
    void shouldLeaveATombstoneATombstone() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    private OrderProcessor.StoredOrder roundTrip(final OrderProcessor.StoredOrder stored) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, stored));
    }

    private static OrderReservation.Snapshot reservation(final String orderId) {
        return OrderReservation.start(orderId, "shop-a", Map.of("SKU-A", 2, "SKU-B", 1),
                ShopStockPolicy.backorderFor(Duration.ofHours(1)), new ArrayList<>()).snapshot();
    }
}
