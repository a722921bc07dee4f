package org.orderpool.shipping.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.orderpool.runtime.JsonStateSerde;
import org.orderpool.shipping.domain.CarrierSlots;

class ShippingStateSerdesTest {

    private static final String TOPIC = "shipping-scheduler-shipping-orders-changelog";

    private static final OrderProcessor.ShippingOrder ORDER = new OrderProcessor.ShippingOrder("colissimo|2026-12-03", "shop-a",
            "#1001", false, 1_800_000_000_000L, null, "standard", new LinkedHashMap<>(Map.of("SKU-A", 2, "SKU-B", 1)));
    private static final SlotProcessor.SlotOrder SLOT_ORDER = new SlotProcessor.SlotOrder("colissimo|2026-12-03", "shop-a", "#1001",
            1_800_003_600_000L, List.of("o-1-p1", "o-1-p2"), SlotProcessor.SlotOrderState.MANIFESTED, "m-77", 1_800_000_000_001L,
            "{\"line1\": \"3 place Bellecour\"}");
    private static final CarrierSlots.Snapshot SLOTS = new CarrierSlots.Snapshot(List.of(1_800_003_600_000L, 1_800_090_000_000L),
            1_799_917_200_000L, true);

    @Test
    void shouldReadBackEachStoreValue() {
        final OrderProcessor.ShippingOrder settled = ORDER.settle(5L).cancel(6L);
        final SlotProcessor.SlotOrder waiting = new SlotProcessor.SlotOrder("dhl|x", "shop-b", null, 0L, List.of(),
                SlotProcessor.SlotOrderState.WAITING, null, 3L, null);
        final CarrierSlots.Snapshot empty = new CarrierSlots.Snapshot(List.of(), null, false);

        assertThat(roundTrip(ShippingStateSerdes.orders(), ORDER)).isEqualTo(ORDER);
        assertThat(roundTrip(ShippingStateSerdes.orders(), settled)).isEqualTo(settled);
        assertThat(roundTrip(ShippingStateSerdes.slotOrders(), SLOT_ORDER)).isEqualTo(SLOT_ORDER);
        assertThat(roundTrip(ShippingStateSerdes.slotOrders(), waiting)).isEqualTo(waiting);
        assertThat(roundTrip(ShippingStateSerdes.slots(), SLOTS)).isEqualTo(SLOTS);
        assertThat(roundTrip(ShippingStateSerdes.slots(), empty)).isEqualTo(empty);
    }

    @Test
    void shouldReadTheJsonAnEarlierShippingSchedulerWroteSoAPoolUpgradesInPlace() {
        assertThat(fromEarlierJson(ShippingStateSerdes.orders(), OrderProcessor.ShippingOrder.class, ORDER)).isEqualTo(ORDER);
        assertThat(fromEarlierJson(ShippingStateSerdes.slotOrders(), SlotProcessor.SlotOrder.class, SLOT_ORDER)).isEqualTo(SLOT_ORDER);
        assertThat(fromEarlierJson(ShippingStateSerdes.slots(), CarrierSlots.Snapshot.class, SLOTS)).isEqualTo(SLOTS);
    }

    @Test
    void shouldKeepAnOrderStoredBeforeItsUnitsAndMethodWereKept() {
        final byte[] older = ("{\"slotKey\":\"colissimo|2026-12-03\",\"shopId\":\"shop-a\",\"shopOrderRef\":\"#1\",\"cancelled\":false,"
                + "\"updatedAt\":9}").getBytes(StandardCharsets.UTF_8);
        final Serde<OrderProcessor.ShippingOrder> serde = ShippingStateSerdes.orders();

        final OrderProcessor.ShippingOrder read = serde.deserializer().deserialize(TOPIC, older);

        assertThat(read.units()).isNull();
        assertThat(roundTrip(serde, read)).as("its missing units stay missing, not empty").isEqualTo(read);
    }

    @Test
    void shouldBeSmallerThanTheJson() {
        assertThat(ShippingStateSerdes.slotOrders().serializer().serialize(TOPIC, SLOT_ORDER).length)
                .isLessThan(new JsonStateSerde<>(SlotProcessor.SlotOrder.class).serializer().serialize(TOPIC, SLOT_ORDER).length);
        assertThat(ShippingStateSerdes.orders().serializer().serialize(TOPIC, ORDER).length)
                .isLessThan(new JsonStateSerde<>(OrderProcessor.ShippingOrder.class).serializer().serialize(TOPIC, ORDER).length);
    }

    private static <T> T roundTrip(final Serde<T> serde, final T value) {
        final byte[] bytes = serde.serializer().serialize(TOPIC, value);
        assertThat(bytes[0]).as("the compact form, not JSON").isEqualTo((byte) 1);
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    private static <T> T fromEarlierJson(final Serde<T> serde, final Class<T> type, final T value) {
        final byte[] json = new JsonStateSerde<>(type).serializer().serialize(TOPIC, value);
        assertThat(json[0]).isEqualTo((byte) '{');
        return serde.deserializer().deserialize(TOPIC, json);
    }
}
