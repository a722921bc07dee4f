package org.orderpool.shipping.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.SlotCommand;
import org.orderpool.contracts.SlotCommandType;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.shipping.domain.CarrierSlots;
import org.orderpool.testing.Fixtures;

/**
 * A slot owner started on state already in its stores: its own (a restart), and what a version before 2026-12-04 left,
 * its orders stored without their parcels, which it kept apart in {@link ShippingSchedulerTopology#LEGACY_PENDING_PARCEL_STORE}.
 * Those parcels move into their orders at the first step, and leave as they would have. The calendar is
 * {@link ShippingSchedulerTopologyTest}'s: a 15:00 Paris cut-off on weekdays.
 */
class SlotProcessorStartTest {

    private static final Instant FRIDAY_CUT_OFF = Instant.parse("2026-11-20T14:00:00Z");
    private static final Instant MONDAY_CUT_OFF = Instant.parse("2026-11-23T14:00:00Z");
    private static final String CARRIER = "colis-express";
    private static final String SLOT = CalendarView.slotKey(CARRIER, Fixtures.WAREHOUSE);

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private final MockProcessorContext<String, SlotProcessor.Output> context = new MockProcessorContext<>();
    private KeyValueStore<String, CarrierSlots.Snapshot> slots;
    private KeyValueStore<String, Parcel> legacyParcels;
    private KeyValueStore<String, SlotProcessor.SlotOrder> slotOrders;
    private TimestampedKeyValueStore<CarrierCalendarKey, CarrierCalendar> calendars;
    private SlotProcessor processor;

    @BeforeEach
    void storesAsAnEarlierVersionLeftThem() {
        context.setCurrentSystemTimeMs(Fixtures.T0.toEpochMilli());
        slots = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ShippingSchedulerTopology.SLOT_STORE), Serdes.String(),
                ShippingStateSerdes.slots()).withLoggingDisabled().build());
        legacyParcels = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(
                ShippingSchedulerTopology.LEGACY_PENDING_PARCEL_STORE), Serdes.String(), topics.valueSerdeAsOn(Topics.SHIPPING_PARCELS))
                .withLoggingDisabled().build());
        slotOrders = store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ShippingSchedulerTopology.SLOT_ORDER_STORE),
                Serdes.String(), ShippingStateSerdes.slotOrders(topics.valueSerdeAsOn(Topics.SHIPPING_PARCELS))).withLoggingDisabled().build());
        calendars = store(Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ShippingSchedulerTopology.CALENDAR_STORE), topics.keySerde(Topics.SHIPPING_CARRIER_CALENDARS),
                topics.valueSerde(Topics.SHIPPING_CARRIER_CALENDARS)).withLoggingDisabled().build());
        calendars.put(Fixtures.calendarKey(CARRIER), ValueAndTimestamp.make(Fixtures.calendar(CARRIER), Fixtures.T0.toEpochMilli()));

        // o-booked: on Friday's cut-off; o-waiting: waited for its carrier (paused then, back now).
        slots.put(SLOT, new CarrierSlots.Snapshot(List.of(FRIDAY_CUT_OFF.toEpochMilli()), null, true));
        slotOrders.put("o-booked", legacyOrder("o-booked", SlotProcessor.SlotOrderState.PENDING, FRIDAY_CUT_OFF.toEpochMilli()));
        legacyParcels.put(SlotProcessor.legacyPendingKey(SLOT, FRIDAY_CUT_OFF.toEpochMilli(), "o-booked-1"), parcel("o-booked", 1));
        // kept under another cut-off's key (the old slot owner died between moving a parcel and its order): still its order's
        legacyParcels.put(SlotProcessor.legacyPendingKey(SLOT, MONDAY_CUT_OFF.toEpochMilli(), "o-booked-2"), parcel("o-booked", 2));
        legacyParcels.put(SlotProcessor.legacyWaitingKey(SLOT, "o-gone-1"), parcel("o-gone", 1)); // an order the store lost
        slotOrders.put("o-waiting", legacyOrder("o-waiting", SlotProcessor.SlotOrderState.WAITING, 0L));
        legacyParcels.put(SlotProcessor.legacyWaitingKey(SLOT, "o-waiting-1"), parcel("o-waiting", 1));

        processor = started(context);
    }

    private static SlotProcessor started(final MockProcessorContext<String, SlotProcessor.Output> context) {
        final SlotProcessor processor = new SlotProcessor(new ShippingSettings(Duration.ofSeconds(5), Duration.ofDays(7), 500),
                new CalendarChanges());
        processor.init(context);
        return processor;
    }

    @Test
    void shouldPutTheParcelsKeptApartBeforeTheUpgradeOnTheirManifest() {
        context.setCurrentSystemTimeMs(FRIDAY_CUT_OFF.plusSeconds(5).toEpochMilli());
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(context.currentSystemTimeMs());

        final List<SlotProcessor.Output> out = context.forwarded().stream().map(forward -> (SlotProcessor.Output) forward.record().value())
                .toList();
        assertThat(out).filteredOn(SlotProcessor.Output.Manifest.class::isInstance)
                .map(manifest -> ((SlotProcessor.Output.Manifest) manifest).manifest())
                .singleElement().satisfies(manifest -> {
                    assertThat(manifest.getCutOffAt()).isEqualTo(FRIDAY_CUT_OFF);
                    assertThat(manifest.getParcels()).extracting(ManifestParcel::getParcelId).containsExactly("o-booked-1", "o-booked-2");
                });
        assertThat(out).filteredOn(SlotProcessor.Output.Status.class::isInstance)
                .map(status -> ((SlotProcessor.Output.Status) status).change())
                .singleElement().satisfies(change -> {
                    assertThat(change.getOrderId()).isEqualTo("o-booked");
                    assertThat(change.getStatus()).isEqualTo(OrderStatus.MANIFESTED);
                });
        assertThat(out).as("the waiting parcel goes on the carrier's next cut-off, and says so")
                .filteredOn(SlotProcessor.Output.ParcelUpdate.class::isInstance)
                .map(update -> ((SlotProcessor.Output.ParcelUpdate) update).parcel())
                .singleElement().satisfies(parcel -> {
                    assertThat(parcel.getParcelId()).isEqualTo("o-waiting-1");
                    assertThat(parcel.getCutOffAt()).isEqualTo(MONDAY_CUT_OFF);
                });

        assertThat(legacyParcels.approximateNumEntries()).as("the store kept apart is empty").isZero();
        assertThat(slotOrders.get("o-booked").held()).isEmpty();
        assertThat(slotOrders.get("o-waiting").state()).isEqualTo(SlotProcessor.SlotOrderState.PENDING);
        assertThat(slotOrders.get("o-waiting").held()).extracting(Parcel::getParcelId).containsExactly("o-waiting-1");
    }

    @Test
    void shouldWithdrawTheParcelsKeptApartWhenTheShopCancelsInTime() {
        processor.process(new Record<>(SLOT, SlotCommand.newBuilder().setType(SlotCommandType.CANCEL).setOrderId("o-booked")
                .setShopId("shop-a").setShopOrderRef("#o-booked").setRequestedAt(Fixtures.T0).build(), Fixtures.T0.toEpochMilli()));

        // The waiting parcel goes back on Friday's cut-off, which it was announced for (no news: the carrier is back in time).
        assertThat(context.forwarded()).map(forward -> forward.record().value())
                .filteredOn(SlotProcessor.Output.ParcelUpdate.class::isInstance)
                .map(update -> ((SlotProcessor.Output.ParcelUpdate) update).parcel())
                .extracting(Parcel::getParcelId, Parcel::getState)
                .containsExactly(tuple("o-booked-1", ParcelState.WITHDRAWN), tuple("o-booked-2", ParcelState.WITHDRAWN));
        context.resetForwards();

        context.setCurrentSystemTimeMs(FRIDAY_CUT_OFF.plusSeconds(5).toEpochMilli());
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(context.currentSystemTimeMs());
        assertThat(context.forwarded()).map(forward -> forward.record().value())
                .filteredOn(SlotProcessor.Output.Manifest.class::isInstance)
                .map(manifest -> ((SlotProcessor.Output.Manifest) manifest).manifest())
                .singleElement().satisfies(manifest -> assertThat(manifest.getParcels()).extracting(ManifestParcel::getParcelId)
                        .as("the withdrawn parcels do not leave").containsExactly("o-waiting-1"));
    }

    @Test
    void shouldFindTheParcelsItBookedBeforeItRestarted() {
        final Parcel booked = parcel("o-new", 1);
        processor.process(new Record<>(SLOT, SlotCommand.newBuilder().setType(SlotCommandType.SCHEDULE).setOrderId("o-new")
                .setShopId("shop-a").setShopOrderRef("#o-new").setParcels(List.of(booked)).setRequestedAt(Fixtures.T0).build(),
                Fixtures.T0.toEpochMilli()));
        processor.close();

        // The same stores, a new slot owner: the index of held parcels is built again from them.
        final MockProcessorContext<String, SlotProcessor.Output> restarted = new MockProcessorContext<>();
        restarted.addStateStore(slots);
        restarted.addStateStore(legacyParcels);
        restarted.addStateStore(slotOrders);
        restarted.addStateStore(calendars);
        restarted.setCurrentSystemTimeMs(FRIDAY_CUT_OFF.plusSeconds(5).toEpochMilli());
        started(restarted);
        restarted.scheduledPunctuators().get(0).getPunctuator().punctuate(restarted.currentSystemTimeMs());

        assertThat(restarted.forwarded()).map(forward -> forward.record().value())
                .filteredOn(SlotProcessor.Output.Manifest.class::isInstance)
                .map(manifest -> ((SlotProcessor.Output.Manifest) manifest).manifest())
                .singleElement().satisfies(manifest -> assertThat(manifest.getParcels()).extracting(ManifestParcel::getParcelId)
                        .containsExactly("o-booked-1", "o-booked-2", "o-new-1", "o-waiting-1"));
    }

    private <S extends org.apache.kafka.streams.processor.StateStore> S store(final S store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** What a slot owner before 2026-12-04 stored for an order: no parcels (they were kept apart). */
    private static SlotProcessor.SlotOrder legacyOrder(final String orderId, final SlotProcessor.SlotOrderState state, final long cutOffAt) {
        final List<String> parcelIds = orderId.equals("o-booked") ? List.of("o-booked-1", "o-booked-2") : List.of(orderId + "-1");
        return new SlotProcessor.SlotOrder(SLOT, "shop-a", "#" + orderId, cutOffAt, parcelIds, state, null,
                Fixtures.T0.toEpochMilli(), null, null);
    }

    private static Parcel parcel(final String orderId, final int number) {
        return Parcel.newBuilder().setParcelId(orderId + "-" + number).setOrderId(orderId).setShopId("shop-a").setParcelNumber(number)
                .setParcelCount(2).setCarrierId(CARRIER).setWarehouseId(Fixtures.WAREHOUSE).setServiceCode("CX-HOME").setWeightGrams(500)
                .setRecipient(Address.newBuilder().setName("Ada").setLine1("3 place Bellecour").setCity("Lyon").setPostalCode("69002")
                        .setCountryCode("FR").build())
                .setLines(List.of()).setTrackingReference("CE" + number).setState(ParcelState.SCHEDULED).setScheduledAt(Fixtures.T0)
                .setCutOffAt(FRIDAY_CUT_OFF).build();
    }
}
