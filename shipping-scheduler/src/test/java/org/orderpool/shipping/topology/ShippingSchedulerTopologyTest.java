package org.orderpool.shipping.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.CutOffException;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ParcelLine;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.ReservedOrder;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.ShippingMethod;
import org.orderpool.contracts.SlotCommand;
import org.orderpool.contracts.SlotCommandType;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

/**
 * The scheduler against the wall clock. The calendar (Fixtures.calendar) has a 15:00 Paris cut-off
 * (14:00 UTC in November) Monday to Friday and a 30-minute packing lead time; the clock starts on
 * Friday 20 November 2026 at 11:15 in Paris.
 */
class ShippingSchedulerTopologyTest {

    private static final Instant T0 = Fixtures.T0;
    private static final Instant FRIDAY_CUT_OFF = Instant.parse("2026-11-20T14:00:00Z");
    private static final Instant MONDAY_CUT_OFF = Instant.parse("2026-11-23T14:00:00Z");
    private static final Instant TUESDAY_CUT_OFF = Instant.parse("2026-11-24T14:00:00Z");
    private static final Map<String, Integer> WEIGHTS = Map.of("SKU-A", 1_000, "SKU-HEAVY", 8_000);
    private static final ShippingSettings SETTINGS = new ShippingSettings(Duration.ofSeconds(5), Duration.ofDays(7), 500);

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private TopologyTestDriver driver;
    private TestInputTopic<CarrierCalendarKey, CarrierCalendar> calendars;
    private TestInputTopic<String, ReservedOrder> reserved;
    private TestInputTopic<String, OrderCancellation> cancellations;
    private TestInputTopic<String, OrderUpdate> updates;
    private TestOutputTopic<String, Parcel> parcels;
    private TestOutputTopic<String, ShipmentManifest> manifests;
    private TestOutputTopic<String, OrderStatusChange> statuses;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant clock = T0;

    @BeforeEach
    void startDriver() {
        start(SETTINGS, sku -> WEIGHTS.getOrDefault(sku, 500));
    }

    private void start(final ShippingSettings settings, final ToIntFunction<String> weights) {
        if (driver != null) {
            driver.close();
        }
        clock = T0;
        driver = TopologyTests.driver(new ShippingSchedulerTopology(topics, settings, weights).build(),
                "shipping-scheduler-test", DeadLetterSettings.forTopic(Topics.SHIPPING_SCHEDULER_DLQ.name()), T0);
        calendars = input(Topics.SHIPPING_CARRIER_CALENDARS);
        reserved = input(Topics.ORDERS_RESERVED);
        cancellations = input(Topics.ORDERS_CANCELLATIONS);
        updates = input(Topics.ORDERS_UPDATES);
        parcels = TopologyTests.output(driver, topics, Topics.SHIPPING_PARCELS);
        manifests = TopologyTests.output(driver, topics, Topics.SHIPPING_MANIFESTS);
        statuses = TopologyTests.output(driver, topics, Topics.ORDERS_STATUS);
        deadLetters = driver.createOutputTopic(Topics.SHIPPING_SCHEDULER_DLQ.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"), T0);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldPutAParcelReservedInTimeOnTodaysManifestAtTheCutOff() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();
        reserve(order);

        final Parcel parcel = parcels.readValue();
        assertThat(parcel.getCutOffAt()).isEqualTo(FRIDAY_CUT_OFF);
        assertThat(parcel.getState()).isEqualTo(ParcelState.SCHEDULED);
        assertThat(parcel.getServiceCode()).isEqualTo("CX-HOME");
        assertThat(parcel.getWeightGrams()).isEqualTo(2_000);
        assertThat(parcel.getTrackingReference()).matches("CE\\d{12}");
        assertThat(statuses()).containsExactly("o-1:SCHEDULED");

        advanceTo(FRIDAY_CUT_OFF.minusSeconds(60));
        assertThat(manifests.isEmpty()).as("not before the cut-off").isTrue();

        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        final ShipmentManifest manifest = manifests.readValue();
        assertThat(manifest.getManifestId()).isEqualTo("colis-express-pool-wh-1-20261120T1400Z");
        assertThat(manifest.getCutOffAt()).isEqualTo(FRIDAY_CUT_OFF);
        assertThat(manifest.getParcels()).extracting(ManifestParcel::getParcelId).containsExactly("o-1-1");
        assertThat(manifest.getParcelCount()).isEqualTo(1);
        assertThat(manifest.getTotalWeightGrams()).isEqualTo(2_000);
        assertThat(manifest.getParcels().get(0).getLines()).containsExactly(new ParcelLine("SKU-A", 2));
        assertThat(statuses()).containsExactly("o-1:MANIFESTED");
        assertThat(manifests.isEmpty()).isTrue();
    }

    @Test
    void shouldRollAParcelThatCannotBePackedBeforeTheCutOffToTheNextPickUp() {
        advanceTo(FRIDAY_CUT_OFF.minus(Duration.ofMinutes(20)));
        reserve(Fixtures.order("o-late").line("SKU-A", 1).build());

        assertThat(parcels.readValue().getCutOffAt()).as("Friday's lead time has passed; no pick-up at the weekend").isEqualTo(MONDAY_CUT_OFF);
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.isEmpty()).as("an empty slot issues nothing").isTrue();

        advanceTo(MONDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValue().getManifestId()).isEqualTo("colis-express-pool-wh-1-20261123T1400Z");
    }

    @Test
    void shouldWithdrawTheParcelsOfAnOrderCancelledBeforeTheCutOff() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 1).build();
        final Order kept = Fixtures.order("o-2").line("SKU-A", 1).build();
        reserve(order);
        reserve(kept);
        parcels.readValuesToList();
        statuses();

        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);
        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);

        assertThat(parcels.readValuesToList()).singleElement().satisfies(p -> {
            assertThat(p.getParcelId()).isEqualTo("o-1-1");
            assertThat(p.getState()).isEqualTo(ParcelState.WITHDRAWN);
        });
        assertThat(statuses()).containsExactly("o-1:CANCELLED");
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValue().getParcels()).extracting(ManifestParcel::getOrderId).containsExactly("o-2");
    }

    @Test
    void shouldRefuseACancellationAfterTheManifestWasIssued() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 1).build();
        reserve(order);
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValuesToList()).hasSize(1);
        parcels.readValuesToList();
        statuses();

        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);

        assertThat(parcels.isEmpty()).isTrue();
        assertThat(statuses.isEmpty()).as("the order stays MANIFESTED").isTrue();
    }

    @Test
    void shouldWithdrawAnOrderWhoseCancellationCameBeforeIt() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 1).build();
        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);
        reserve(order);

        assertThat(parcels.readValue().getState()).isEqualTo(ParcelState.WITHDRAWN);
        assertThat(statuses()).containsExactly("o-1:CANCELLED");
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.isEmpty()).isTrue();
    }

    @Test
    void shouldSplitAnOrderThatIsTooHeavyForOneParcelOfTheService() {
        reserve(Fixtures.order("o-heavy").line("SKU-HEAVY", 2).line("SKU-A", 1).shipping(ShippingMethod.EXPRESS, 990).build());

        final List<Parcel> split = parcels.readValuesToList();
        assertThat(split).extracting(Parcel::getParcelId).containsExactly("o-heavy-1", "o-heavy-2");
        assertThat(split).allSatisfy(p -> {
            assertThat(p.getServiceCode()).isEqualTo("CX-EXPRESS");
            assertThat(p.getParcelCount()).isEqualTo(2);
            assertThat(p.getWeightGrams()).isLessThanOrEqualTo(10_000);
        });
        assertThat(split).extracting(Parcel::getWeightGrams).containsExactly(9_000, 8_000);
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        final ShipmentManifest manifest = manifests.readValue();
        assertThat(manifest.getParcelCount()).isEqualTo(2);
        assertThat(manifest.getTotalWeightGrams()).isEqualTo(17_000);
        assertThat(statuses()).containsExactly("o-heavy:SCHEDULED", "o-heavy:MANIFESTED");
    }

    @Test
    void shouldFallBackToAServiceThatDeliversWhereTheCustomersChoiceCannot() {
        reserve(Fixtures.order("o-de").line("SKU-A", 1).shipping(ShippingMethod.EXPRESS, 990)
                .shipTo(Fixtures.address("Jonas Weber", "DE")).build());

        final Parcel parcel = parcels.readValue();
        assertThat(parcel.getServiceCode()).isEqualTo("CX-HOME");
        assertThat(parcel.getFallbackReason()).contains("no EXPRESS service delivers to DE");
    }

    @Test
    void shouldCancelAnOrderNoCarrierCanDeliverAndGiveItsUnitsBack() {
        reserve(Fixtures.order("o-jp").line("SKU-A", 1).shipTo(Fixtures.address("Aiko Sato", "JP")).build());

        assertThat(parcels.readValue().getState()).as("stock-reservation releases the units of a withdrawn parcel")
                .isEqualTo(ParcelState.WITHDRAWN);
        final OrderStatusChange status = statuses.readValue();
        assertThat(status.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(status.getReasonCode()).isEqualTo("shipping.undeliverable");
        assertThat(status.getReason()).contains("JP");
    }

    @Test
    void shouldCloseEveryMissedCutOffWithItsOwnManifestWhenTheClockComesBackLate() {
        reserve(Fixtures.order("o-fri").line("SKU-A", 1).build());
        advanceTo(FRIDAY_CUT_OFF.minus(Duration.ofMinutes(10)));
        reserve(Fixtures.order("o-mon").line("SKU-A", 1).build());
        statuses();

        advanceTo(TUESDAY_CUT_OFF.plus(Duration.ofHours(2))); // the service was down from Friday to Tuesday afternoon

        assertThat(manifests.readValuesToList()).extracting(ShipmentManifest::getManifestId, m -> m.getParcels().get(0).getOrderId())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("colis-express-pool-wh-1-20261120T1400Z", "o-fri"),
                        org.assertj.core.groups.Tuple.tuple("colis-express-pool-wh-1-20261123T1400Z", "o-mon"));
        assertThat(statuses()).containsExactly("o-fri:MANIFESTED", "o-mon:MANIFESTED");

        reserve(Fixtures.order("o-tue").line("SKU-A", 1).build());
        assertThat(parcels.readValuesToList()).last().extracting(Parcel::getCutOffAt).as("a new parcel never goes on a closed slot")
                .isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));
    }

    @Test
    void shouldScheduleAndManifestARedeliveredOrderOnce() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 1).build();
        reserve(order);
        reserve(order);

        assertThat(parcels.readValuesToList()).hasSize(1);
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(60));
        reserve(order);

        assertThat(manifests.readValuesToList()).hasSize(1);
        assertThat(parcels.isEmpty()).isTrue();
        assertThat(statuses()).containsExactly("o-1:SCHEDULED", "o-1:MANIFESTED");
    }

    @Test
    void shouldHoldParcelsForACutOffOpsMovedLaterAndCloseThemThen() {
        reserve(Fixtures.order("o-1").line("SKU-A", 1).build());
        final CarrierCalendar later = CarrierCalendar.newBuilder(Fixtures.calendar("colis-express"))
                .setExceptions(List.of(new CutOffException(java.time.LocalDate.of(2026, 11, 20), LocalTime.of(16, 30), "truck late")))
                .build();
        advanceTo(FRIDAY_CUT_OFF.minus(Duration.ofMinutes(5)));
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), later, T0);

        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.isEmpty()).as("the 15:00 cut-off is gone").isTrue();
        assertThat(parcels.readValuesToList()).last().extracting(Parcel::getCutOffAt).isEqualTo(Instant.parse("2026-11-20T15:30:00Z"));

        advanceTo(Instant.parse("2026-11-20T15:30:05Z"));
        assertThat(manifests.readValue().getManifestId()).isEqualTo("colis-express-pool-wh-1-20261120T1530Z");
    }

    @Test
    void shouldKeepTheLastValidCalendarWhenAnInvalidOneArrives() {
        final CarrierCalendar invalid = CarrierCalendar.newBuilder(Fixtures.calendar("colis-express")).setTimeZone("Mars/Olympus_Mons")
                .setPackingLeadTimeMinutes(-5).build();
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), invalid, T0);

        assertThat(storedCalendar("colis-express").getTimeZone()).as("the last valid calendar stays in force").isEqualTo("Europe/Paris");
        reserve(Fixtures.order("o-1").line("SKU-A", 1).build());
        assertThat(parcels.readValue().getCutOffAt()).isEqualTo(FRIDAY_CUT_OFF);
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValue().getManifestId()).isEqualTo("colis-express-pool-wh-1-20261120T1400Z");
        assertThat(statuses()).containsExactly("o-1:SCHEDULED", "o-1:MANIFESTED");
    }

    @Test
    void shouldKeepEveryOtherCarriersManifestsComingWhenOneCarriersStoredCalendarCannotBeUsed() {
        calendars.pipeInput(Fixtures.calendarKey("relais-pro"), Fixtures.calendar("relais-pro"), T0);
        reserve(Fixtures.order("o-colis").line("SKU-A", 1).build());
        // As a state directory written before calendars were checked could hold it.
        driver.<CarrierCalendarKey, CarrierCalendar>getTimestampedKeyValueStore(ShippingSchedulerTopology.CALENDAR_STORE)
                .put(Fixtures.calendarKey("colis-express"), ValueAndTimestamp.make(CarrierCalendar.newBuilder(Fixtures.calendar(
                        "colis-express")).setTimeZone("Mars/Olympus_Mons").build(), T0.toEpochMilli()));
        driver.advanceWallClockTime(CalendarView.REREAD_AFTER); // written past the updater: read again within a second
        reserve(Fixtures.order("o-relais").line("SKU-A", 1).build());
        assertThat(parcels.readValuesToList()).extracting(Parcel::getCarrierId).containsExactly("colis-express", "relais-pro");
        statuses();

        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));

        assertThat(manifests.readValuesToList()).extracting(ShipmentManifest::getManifestId)
                .containsExactly("relais-pro-pool-wh-1-20261120T1400Z");
        assertThat(statuses()).containsExactly("o-relais:MANIFESTED");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepEveryOtherCarriersManifestsComingWhileOneCarrierIsPaused() {
        calendars.pipeInput(Fixtures.calendarKey("relais-pro"), Fixtures.calendar("relais-pro"), T0);
        reserve(Fixtures.order("o-booked").line("SKU-A", 1).build());
        assertThat(parcels.readValue().getCarrierId()).as("colis-express comes first").isEqualTo("colis-express");
        statuses();

        calendars.pipeInput(Fixtures.calendarKey("colis-express"), paused("colis-express"), T0);
        reserve(Fixtures.order("o-new").line("SKU-A", 1).build());

        final Parcel fallback = parcels.readValue();
        assertThat(fallback.getCarrierId()).isEqualTo("relais-pro");
        assertThat(fallback.getFallbackReason()).contains("colis-express is paused");
        assertThat(statuses()).containsExactly("o-new:SCHEDULED");
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValuesToList()).as("relais-pro collects; colis-express is paused")
                .extracting(ShipmentManifest::getManifestId).containsExactly("relais-pro-pool-wh-1-20261120T1400Z");
        assertThat(statuses()).containsExactly("o-new:MANIFESTED");
        assertThat(parcels.isEmpty()).as("the booked parcel waits, announced once").isTrue();

        advanceTo(MONDAY_CUT_OFF.minus(Duration.ofHours(3)));
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"), T0);
        advanceTo(MONDAY_CUT_OFF.minus(Duration.ofHours(2)));
        assertThat(parcels.readValuesToList()).singleElement().satisfies(p -> {
            assertThat(p.getParcelId()).isEqualTo("o-booked-1");
            assertThat(p.getCutOffAt()).as("its first cut-off once resumed").isEqualTo(MONDAY_CUT_OFF);
        });
        advanceTo(MONDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValuesToList()).extracting(ShipmentManifest::getManifestId)
                .containsExactly("colis-express-pool-wh-1-20261123T1400Z");
        assertThat(statuses()).containsExactly("o-booked:MANIFESTED");
    }

    @Test
    void shouldNotAnnounceAParcelAgainWhenItsCarrierResumesBeforeTheCutOffItWasBookedOn() {
        reserve(Fixtures.order("o-booked").line("SKU-A", 1).build());
        assertThat(parcels.readValue().getCutOffAt()).isEqualTo(FRIDAY_CUT_OFF);
        statuses();

        calendars.pipeInput(Fixtures.calendarKey("colis-express"), paused("colis-express"), T0);
        advanceTo(FRIDAY_CUT_OFF.minus(Duration.ofHours(3)));
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"), T0);
        advanceTo(FRIDAY_CUT_OFF.minus(Duration.ofHours(2)));

        assertThat(parcels.isEmpty()).as("back on the cut-off it was announced for: no second booking").isTrue();
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValue().getParcels()).extracting(ManifestParcel::getOrderId).containsExactly("o-booked");
        assertThat(statuses()).containsExactly("o-booked:MANIFESTED");
    }

    @Test
    void shouldLetAnOrderOnlyAPausedCarrierCanDeliverWaitVisiblyUntilItResumes() {
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), paused("colis-express"), T0);
        reserve(Fixtures.order("o-1").line("SKU-A", 1).build());

        final OrderStatusChange waiting = statuses.readValue();
        assertThat(waiting.getStatus()).isEqualTo(OrderStatus.SCHEDULED);
        assertThat(waiting.getReasonCode()).isEqualTo("shipping.awaiting-carrier");
        assertThat(waiting.getReason()).contains("colis-express", "paused");
        assertThat(parcels.isEmpty()).as("announced once it has a cut-off").isTrue();
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();

        calendars.pipeInput(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"), T0);
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(10));
        assertThat(parcels.readValue().getCutOffAt()).isEqualTo(MONDAY_CUT_OFF);
        advanceTo(MONDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValue().getParcels()).extracting(ManifestParcel::getOrderId).containsExactly("o-1");
        assertThat(statuses()).containsExactly("o-1:MANIFESTED");
    }

    @Test
    void shouldWithdrawAnOrderWaitingForAPausedCarrierWhenTheShopCancels() {
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), paused("colis-express"), T0);
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();
        reserve(order);
        statuses();

        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);

        assertThat(parcels.readValue().getState()).as("stock-reservation gives the units back").isEqualTo(ParcelState.WITHDRAWN);
        assertThat(statuses()).containsExactly("o-1:CANCELLED");
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"), T0);
        advanceTo(MONDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.isEmpty()).isTrue();
        assertThat(parcels.isEmpty()).isTrue();
    }

    @Test
    void shouldCancelAnOrderThatCannotBePlannedAndGiveItsUnitsBackInsteadOfDeadLetteringIt() {
        start(SETTINGS, sku -> {
            if (sku.equals("SKU-BROKEN")) {
                throw new IllegalStateException("the catalogue cannot be read");
            }
            return 500;
        });
        reserve(Fixtures.order("o-1").line("SKU-BROKEN", 2).build());

        final Parcel withdrawn = parcels.readValue();
        assertThat(withdrawn.getState()).isEqualTo(ParcelState.WITHDRAWN);
        assertThat(withdrawn.getLines()).containsExactly(new ParcelLine("SKU-BROKEN", 2));
        final OrderStatusChange status = statuses.readValue();
        assertThat(status.getStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(status.getReasonCode()).isEqualTo("shipping.unplannable");
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(statuses.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseACancellationThatArrivesAfterTheCutOffWhenNoPunctuationRanSince() {
        // Checked once an hour (11:15:30, 12:15:30, ...): at 14:00:30, as after a restart, nothing has closed Friday's cut-off yet.
        start(new ShippingSettings(Duration.ofHours(1), Duration.ofDays(7), 500), sku -> 1_000);
        final Order order = Fixtures.order("o-1").line("SKU-A", 1).build();
        reserve(order);
        parcels.readValuesToList();
        statuses();
        advanceTo(Instant.parse("2026-11-20T13:15:30Z"));
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(30));
        assertThat(manifests.isEmpty()).as("no punctuation since the cut-off").isTrue();

        cancellations.pipeInput("o-1", Fixtures.cancellation(order), FRIDAY_CUT_OFF.plusSeconds(30));

        assertThat(manifests.readValue().getParcels()).extracting(ManifestParcel::getParcelId).containsExactly("o-1-1");
        final OrderStatusChange status = statuses.readValue();
        assertThat(status.getStatus()).isEqualTo(OrderStatus.MANIFESTED);
        assertThat(status.getReason()).contains("cancellation", "too late");
        assertThat(parcels.isEmpty()).as("nothing withdrawn: the units leave on the truck").isTrue();
        assertThat(statuses.isEmpty()).isTrue();
    }

    @Test
    void shouldDecideACancellationAtTheCutOffSecondByThePoolsClock() {
        start(new ShippingSettings(Duration.ofHours(1), Duration.ofDays(7), 500), sku -> 1_000);
        final Order early = Fixtures.order("o-early").line("SKU-A", 1).build();
        final Order onTheSecond = Fixtures.order("o-late").line("SKU-A", 1).build();
        reserve(early);
        reserve(onTheSecond);
        parcels.readValuesToList();
        statuses();

        advanceTo(Instant.parse("2026-11-20T13:15:30Z"));
        advanceTo(FRIDAY_CUT_OFF.minusMillis(1));
        cancellations.pipeInput("o-early", Fixtures.cancellation(early), FRIDAY_CUT_OFF.plusSeconds(3_600));
        assertThat(statuses()).as("a millisecond before the cut-off is in time, whatever the record says").containsExactly("o-early:CANCELLED");
        advanceTo(FRIDAY_CUT_OFF);
        cancellations.pipeInput("o-late", Fixtures.cancellation(onTheSecond), FRIDAY_CUT_OFF.minusSeconds(3_600));

        assertThat(statuses()).as("at the cut-off it is too late, whatever the record says").containsExactly("o-late:MANIFESTED");
        assertThat(manifests.readValue().getParcels()).extracting(ManifestParcel::getOrderId).containsExactly("o-late");
        assertThat(parcels.readValuesToList()).extracting(Parcel::getParcelId, Parcel::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("o-early-1", ParcelState.WITHDRAWN));
    }

    @Test
    void shouldWithdrawACancellationThePoolTookBeforeTheCutOffWhenTheSlotOwnerHandlesItLate() {
        start(new ShippingSettings(Duration.ofHours(1), Duration.ofDays(7), 500), sku -> 1_000);
        final Order order = Fixtures.order("o-1").line("SKU-A", 1).build();
        reserve(order);
        reserve(Fixtures.order("o-2").line("SKU-A", 1).build());
        parcels.readValuesToList();
        statuses();
        advanceTo(Instant.parse("2026-11-20T13:15:30Z"));
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(30)); // the slot owner lags: its punctuation has not run since the cut-off

        input(Topics.SHIPPING_SCHEDULER_SLOT_COMMANDS).pipeInput("colis-express|pool-wh-1", SlotCommand.newBuilder()
                .setType(SlotCommandType.CANCEL).setOrderId("o-1").setShopId(order.getShopId()).setShopOrderRef(order.getShopOrderRef())
                .setRequestedAt(FRIDAY_CUT_OFF.minusSeconds(1)).build(), T0);

        assertThat(parcels.readValue().getState()).as("taken in time, and no manifest has been issued").isEqualTo(ParcelState.WITHDRAWN);
        assertThat(statuses()).containsExactly("o-1:CANCELLED");
        advanceTo(Instant.parse("2026-11-20T14:15:30Z"));
        assertThat(manifests.readValue().getParcels()).extracting(ManifestParcel::getOrderId).containsExactly("o-2");
        assertThat(statuses()).containsExactly("o-2:MANIFESTED");
    }

    @Test
    void shouldRememberAnOrderWhoseParcelsWaitLongerThanTheRetentionAndForgetItAfterItsManifest() {
        final List<java.time.LocalDate> closure = new java.util.ArrayList<>();
        for (java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 20); day.isBefore(java.time.LocalDate.of(2026, 12, 5));
             day = day.plusDays(1)) {
            closure.add(day);
        }
        calendars.pipeInput(Fixtures.calendarKey("colis-express"),
                CarrierCalendar.newBuilder(Fixtures.calendar("colis-express")).setHolidays(closure).build(), T0);
        final Order order = Fixtures.order("o-1").line("SKU-A", 1).build();
        reserve(order);
        assertThat(parcels.readValue().getCutOffAt()).as("after a two-week closure").isEqualTo(Instant.parse("2026-12-07T14:00:00Z"));
        statuses();

        advanceTo(T0.plus(Duration.ofDays(8))); // past the 7-day retention, counted from the reservation
        cancellations.pipeInput("o-1", Fixtures.cancellation(order), T0);

        assertThat(parcels.readValue().getState()).isEqualTo(ParcelState.WITHDRAWN);
        assertThat(statuses()).containsExactly("o-1:CANCELLED");
        assertThat(driver.<String, Object>getKeyValueStore(ShippingSchedulerTopology.ORDER_STORE).get("o-1")).isNotNull();
        advanceTo(T0.plus(Duration.ofDays(16)));
        assertThat(driver.<String, Object>getKeyValueStore(ShippingSchedulerTopology.ORDER_STORE).get("o-1"))
                .as("forgotten 7 days after it was settled").isNull();
    }

    @Test
    void shouldNeverIssueAManifestIdTwiceWhenParcelsComeForAClosedCutOff() {
        reserve(Fixtures.order("o-1").line("SKU-A", 1).build());
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValue().getManifestId()).isEqualTo("colis-express-pool-wh-1-20261120T1400Z");
        parcels.readValuesToList();
        statuses();

        // The calendar is gone for a moment, and an order owner whose clock lags plans a parcel for the closed cut-off.
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), null, T0);
        final Order late = Fixtures.order("o-2").line("SKU-A", 1).build();
        final Parcel planned = Parcel.newBuilder(Fixtures.parcel(late, "colis-express")).setCutOffAt(FRIDAY_CUT_OFF).build();
        input(Topics.SHIPPING_SCHEDULER_SLOT_COMMANDS).pipeInput("colis-express|pool-wh-1", SlotCommand.newBuilder()
                .setType(SlotCommandType.SCHEDULE).setOrderId("o-2").setShopId(late.getShopId()).setShopOrderRef(late.getShopOrderRef())
                .setParcels(List.of(planned)).setRequestedAt(FRIDAY_CUT_OFF.minusSeconds(60)).build(), T0);
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(60));
        calendars.pipeInput(Fixtures.calendarKey("colis-express"), Fixtures.calendar("colis-express"), T0);
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(65));
        assertThat(parcels.readValue().getCutOffAt()).isEqualTo(MONDAY_CUT_OFF);
        advanceTo(MONDAY_CUT_OFF.plusSeconds(5));

        assertThat(manifests.readValuesToList()).extracting(ShipmentManifest::getManifestId)
                .containsExactly("colis-express-pool-wh-1-20261123T1400Z");
        assertThat(statuses()).containsExactly("o-2:SCHEDULED", "o-2:MANIFESTED");
    }

    @Test
    void shouldPutANewAddressTakenBeforeTheCutOffOnTheParcelAndTheManifest() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();
        reserve(order);
        parcels.readValuesToList();
        statuses.readValuesToList();
        advanceTo(FRIDAY_CUT_OFF.minus(Duration.ofMinutes(10)));

        update(moved(order, "FR"), clock);

        assertThat(parcels.readValuesToList()).singleElement().satisfies(parcel -> {
            assertThat(parcel.getRecipient().getLine1()).isEqualTo("3 place Bellecour");
            assertThat(parcel.getCutOffAt()).as("the same booking").isEqualTo(FRIDAY_CUT_OFF);
            assertThat(parcel.getState()).isEqualTo(ParcelState.SCHEDULED);
        });
        assertThat(statuses.readValuesToList()).singleElement().satisfies(answer -> {
            assertThat(answer.getStatus()).isEqualTo(OrderStatus.SCHEDULED);
            assertThat(answer.getReasonCode()).isEqualTo("shipping.update_applied");
            assertThat(answer.getUpdate().getOutcome()).isEqualTo(UpdateOutcome.APPLIED);
            assertThat(answer.getUpdate().getChanges()).containsExactly("shippingAddress");
        });
        advanceTo(FRIDAY_CUT_OFF.plusSeconds(5));
        assertThat(manifests.readValue().getParcels()).singleElement()
                .satisfies(line -> assertThat(line.getRecipient().getLine1()).isEqualTo("3 place Bellecour"));
        assertThat(statuses()).containsExactly("o-1:MANIFESTED");
    }

    @Test
    void shouldRefuseANewAddressTakenAtTheCutOffEvenBeforeTheCutOffWasClosed() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();
        reserve(order);
        parcels.readValuesToList();
        statuses.readValuesToList();

        update(moved(order, "FR"), FRIDAY_CUT_OFF);

        assertThat(manifests.readValue().getParcels()).singleElement()
                .satisfies(line -> assertThat(line.getRecipient().getLine1()).isNotEqualTo("3 place Bellecour"));
        final List<OrderStatusChange> changes = statuses.readValuesToList();
        assertThat(changes).extracting(c -> c.getStatus() + ":" + c.getReasonCode())
                .containsExactly("MANIFESTED:shipping.manifested", "MANIFESTED:shipping.update_too_late");
        assertThat(changes.get(1).getUpdate().getOutcome()).isEqualTo(UpdateOutcome.REFUSED);
        assertThat(parcels.isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseOtherLinesAfterReservationAndAnswerNothingForAnUpdateThatChangesNothing() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();
        reserve(order);
        parcels.readValuesToList();
        statuses.readValuesToList();

        update(Fixtures.order("o-1").line("SKU-A", 2).build(), clock);
        update(Fixtures.order("o-1").line("SKU-A", 5).build(), clock);

        assertThat(statuses.readValuesToList()).singleElement().satisfies(answer -> {
            assertThat(answer.getStatus()).isEqualTo(OrderStatus.SCHEDULED);
            assertThat(answer.getReasonCode()).isEqualTo("shipping.update_refused");
            assertThat(answer.getUpdate().getChanges()).containsExactly("lines");
        });
        assertThat(parcels.isEmpty()).isTrue();
    }

    @Test
    void shouldAnswerAnUpdateThatCameBeforeTheReservedOrderRightAfterBookingIt() {
        final Order order = Fixtures.order("o-1").line("SKU-A", 2).build();

        update(moved(order, "FR"), clock);
        assertThat(statuses.isEmpty()).isTrue();
        reserve(order);

        assertThat(statuses.readValuesToList()).extracting(c -> c.getStatus() + ":" + c.getReasonCode())
                .containsExactly("SCHEDULED:shipping.scheduled", "SCHEDULED:shipping.update_applied");
        assertThat(parcels.readValuesToList()).extracting(p -> p.getRecipient().getLine1()).last().isEqualTo("3 place Bellecour");
    }

    private static Order moved(final Order order, final String country) {
        final Order moved = Order.newBuilder(order).build();
        moved.setShippingAddress(Address.newBuilder(order.getShippingAddress()).setLine1("3 place Bellecour").setCountryCode(country)
                .build());
        return moved;
    }

    private void update(final Order order, final Instant takenAt) {
        updates.pipeInput(order.getOrderId(), new OrderUpdate(OrderChanges.updateId(order), order, takenAt), takenAt);
    }

    private static CarrierCalendar paused(final String carrierId) {
        return CarrierCalendar.newBuilder(Fixtures.calendar(carrierId)).setWeeklyCutOffs(List.of()).setExceptions(List.of()).build();
    }

    private CarrierCalendar storedCalendar(final String carrierId) {
        return driver.<CarrierCalendarKey, CarrierCalendar>getTimestampedKeyValueStore(ShippingSchedulerTopology.CALENDAR_STORE)
                .get(Fixtures.calendarKey(carrierId)).value();
    }

    private void reserve(final Order order) {
        reserved.pipeInput(order.getOrderId(), Fixtures.reserved(order), T0);
    }

    private void advanceTo(final Instant instant) {
        driver.advanceWallClockTime(Duration.between(clock, instant));
        clock = instant;
    }

    private List<String> statuses() {
        return statuses.readRecordsToList().stream().map(TestRecord::value).map(s -> s.getOrderId() + ":" + s.getStatus()).toList();
    }

    private <K, V> TestInputTopic<K, V> input(final Topic<K, V> topic) {
        return TopologyTests.input(driver, topics, topic);
    }
}
