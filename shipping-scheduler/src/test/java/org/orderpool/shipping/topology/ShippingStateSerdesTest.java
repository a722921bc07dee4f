package org.orderpool.shipping.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.JsonStateSerde;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.shipping.domain.CarrierSlots;

class ShippingStateSerdesTest {

    private static final String TOPIC = "shipping-scheduler-shipping-orders-changelog";

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private final Serde<SlotProcessor.SlotOrder> slotOrders = ShippingStateSerdes.slotOrders(topics.valueSerdeAsOn(Topics.SHIPPING_PARCELS));

    private static final OrderProcessor.ShippingOrder ORDER = new OrderProcessor.ShippingOrder("colissimo|2026-12-03", "shop-a",
            "#1001", false, 1_800_000_000_000L, null, "standard", new LinkedHashMap<>(Map.of("SKU-A", 2, "SKU-B", 1)));
    private static final SlotProcessor.SlotOrder SLOT_ORDER = new SlotProcessor.SlotOrder("colissimo|2026-12-03", "shop-a", "#1001",
            1_800_003_600_000L, List.of("o-1-p1", "o-1-p2"), SlotProcessor.SlotOrderState.MANIFESTED, "m-77", 1_800_000_000_001L,
            "{\"line1\": \"3 place Bellecour\"}", List.of());
    private static final CarrierSlots.Snapshot SLOTS = new CarrierSlots.Snapshot(List.of(1_800_003_600_000L, 1_800_090_000_000L),
            1_799_917_200_000L, true);

    @Test
    void shouldReadBackEachStoreValue() {
        final OrderProcessor.ShippingOrder settled = ORDER.settle(5L).cancel(6L);
        final SlotProcessor.SlotOrder waiting = new SlotProcessor.SlotOrder("dhl|x", "shop-b", null, 0L, List.of("o-2-p1"),
                SlotProcessor.SlotOrderState.WAITING, null, 3L, null, List.of(parcel("o-2-p1"), parcel("o-2-p2")));
        final CarrierSlots.Snapshot empty = new CarrierSlots.Snapshot(List.of(), null, false);

        assertThat(roundTrip(ShippingStateSerdes.orders(), ORDER)).isEqualTo(ORDER);
        assertThat(roundTrip(ShippingStateSerdes.orders(), settled)).isEqualTo(settled);
        assertThat(roundTrip(slotOrders, SLOT_ORDER)).isEqualTo(SLOT_ORDER);
        assertThat(roundTrip(slotOrders, waiting)).isEqualTo(waiting);
        assertThat(roundTrip(ShippingStateSerdes.slots(), SLOTS)).isEqualTo(SLOTS);
        assertThat(roundTrip(ShippingStateSerdes.slots(), empty)).isEqualTo(empty);
    }

    @Test
    void shouldReadTheJsonAnEarlierShippingSchedulerWroteSoAPoolUpgradesInPlace() {
        assertThat(fromEarlierJson(ShippingStateSerdes.orders(), OrderProcessor.ShippingOrder.class, ORDER)).isEqualTo(ORDER);
        final SlotProcessor.SlotOrder withoutParcels = withHeld(SLOT_ORDER, null);
        assertThat(fromEarlierJson(slotOrders, SlotProcessor.SlotOrder.class, withoutParcels)).isEqualTo(withoutParcels);
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
        assertThat(slotOrders.serializer().serialize(TOPIC, SLOT_ORDER).length)
                .isLessThan(new JsonStateSerde<>(SlotProcessor.SlotOrder.class).serializer().serialize(TOPIC, SLOT_ORDER).length);
        assertThat(ShippingStateSerdes.orders().serializer().serialize(TOPIC, ORDER).length)
                .isLessThan(new JsonStateSerde<>(OrderProcessor.ShippingOrder.class).serializer().serialize(TOPIC, ORDER).length);
    }

    @Test
    void shouldReadASlotOrderOfTheFirstCompactFormAsOneWhoseParcelsWereKeptApart() {
        final SlotProcessor.SlotOrder booked = new SlotProcessor.SlotOrder("colissimo|2026-12-03", "shop-a", "#1002",
                1_800_003_600_000L, List.of("o-3-p1"), SlotProcessor.SlotOrderState.PENDING, null, 7L, "{}", List.of(parcel("o-3-p1")));
        final byte[] now = slotOrders.serializer().serialize(TOPIC, booked);
        assertThat(now[0]).isEqualTo(ShippingStateSerdes.SLOT_ORDER_WITH_PARCELS);
        // Format 1 is format 2 without the parcels' part: its fields end with the recipient.
        final int parcelsPart = 1 + Integer.BYTES + Integer.BYTES
                + topics.valueSerdeAsOn(Topics.SHIPPING_PARCELS).serializer().serialize(TOPIC, parcel("o-3-p1")).length;
        final byte[] first = Arrays.copyOf(now, now.length - parcelsPart);
        first[0] = ShippingStateSerdes.SLOT_ORDER_WITHOUT_PARCELS;

        assertThat(slotOrders.deserializer().deserialize(TOPIC, first)).isEqualTo(withHeld(booked, null));
    }

    @Test
    void shouldRefuseASlotOrderWhoseParcelIsCutShort() {
        final byte[] whole = slotOrders.serializer().serialize(TOPIC, withHeld(SLOT_ORDER, List.of(parcel("o-1-p1"))));
        final byte[] cut = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> slotOrders.deserializer().deserialize(TOPIC, cut)).isInstanceOf(SerializationException.class);
    }

    private static SlotProcessor.SlotOrder withHeld(final SlotProcessor.SlotOrder order, final List<Parcel> held) {
        return new SlotProcessor.SlotOrder(order.slotKey(), order.shopId(), order.shopOrderRef(), order.cutOffAt(), order.parcelIds(),
                order.state(), order.manifestId(), order.updatedAt(), order.recipient(), held);
    }

    private static Parcel parcel(final String parcelId) {
        return Parcel.newBuilder().setParcelId(parcelId).setOrderId("o-1").setShopId("shop-a").setParcelNumber(1).setParcelCount(1).setCarrierId("colissimo")
                .setServiceCode("DOM").setWarehouseId("lyon").setWeightGrams(1_200)
                .setRecipient(Address.newBuilder().setName("Ada").setLine1("3 place Bellecour").setCity("Lyon").setPostalCode("69002")
                        .setCountryCode("FR").build())
                .setLines(List.of()).setTrackingReference("TR-" + parcelId).setState(ParcelState.SCHEDULED)
                .setScheduledAt(Instant.parse("2026-12-04T10:00:00Z")).setCutOffAt(Instant.parse("2026-12-04T14:00:00Z")).build();
    }

    private static <T> T roundTrip(final Serde<T> serde, final T value) {
        final byte[] bytes = serde.serializer().serialize(TOPIC, value);
        assertThat(bytes[0]).as("the compact form, not JSON").isBetween((byte) 1, (byte) 2);
        return serde.deserializer().deserialize(TOPIC, bytes);
    }

    private static <T> T fromEarlierJson(final Serde<T> serde, final Class<T> type, final T value) {
        final byte[] json = new JsonStateSerde<>(type).serializer().serialize(TOPIC, value);
        assertThat(json[0]).isEqualTo((byte) '{');
        return serde.deserializer().deserialize(TOPIC, json);
    }
}
