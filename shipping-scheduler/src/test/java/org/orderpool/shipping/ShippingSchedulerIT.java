package org.orderpool.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.carrier.calendar.CarrierCalendars;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.CarrierCalendarKey;
import org.orderpool.contracts.ManifestParcel;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/**
 * shipping-scheduler as it runs: Spring application, real broker and registry, exactly-once. The
 * carrier collects every minute, so the test sees real cut-offs pass, one of them while the service
 * is down, after a careless operator wrote an invalid calendar for that carrier.
 */
@RealKafka
class ShippingSchedulerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static ServiceUnderTest service;
    private static KafkaTestClient kafka;
    private static CarrierCalendar calendar;

    /** A calendar file as ops write it, with a demo cut-off every minute and no packing lead time. */
    private static final String EVERY_MINUTE = """
            [{"carrierId": "colis-express", "carrierName": "Colis Express", "warehouseId": "pool-wh-1", "timeZone": "Europe/Paris",
              "cutOffEveryMinutes": 1, "packingLeadTimeMinutes": 0,
              "services": [{"serviceCode": "CX-HOME", "shippingMethod": "STANDARD", "maxParcelWeightGrams": 30000,
                            "destinationCountries": ["FR", "BE", "DE"]}]}]
            """;

    @BeforeAll
    static void startService(final KafkaPlatform platform) {
        final String prefix = KafkaTestClient.uniquePrefix("shipping");
        service = ServiceUnderTest.start(ShippingSchedulerApplication::builder, platform, prefix, "shipping-scheduler",
                "--orderpool.shipping.check-every=500ms");
        kafka = service.kafka();
        // as ops publish a calendar
        calendar = CarrierCalendars.load(new ByteArrayInputStream(EVERY_MINUTE.getBytes(StandardCharsets.UTF_8)), Instant.now()).get(0);
        CarrierCalendarPublisher.publish(platform.bootstrapServers(), new BoundTopics(AvroSerdes.forRegistryUrl(platform.schemaRegistryUrl(),
                true), prefix), List.of(calendar));
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    /**
     * Two scenarios in one minute's cut-off (the suite waits for one real cut-off, not two): a parcel whose cut-off passes
     * while the service is down, after an invalid calendar was written, is manifested once it is back; and a new address
     * sent before the cut-off is answered once and is on the manifest, though the service restarted on an empty state
     * directory in between.
     */
    @Test
    void shouldManifestWhatACutOffPassedWhileTheServiceWasDownWithTheNewAddressAnUpdateGaveBefore() {
        // leave the test half a minute to see the parcels, answer the update and stop the service before the cut-off
        await("the first half of a minute").atMost(Duration.ofSeconds(40)).until(() -> Instant.now().atZone(ZoneOffset.UTC).getSecond() <= 30);
        final Order order = Fixtures.order("it-down").line("SKU-TEA-01", 2).build();
        final Order toMove = Fixtures.order("it-moved").line("SKU-TEA-01", 1).build();
        kafka.send(topic(Topics.ORDERS_RESERVED), order.getOrderId(), Fixtures.reserved(order));
        kafka.send(topic(Topics.ORDERS_RESERVED), toMove.getOrderId(), Fixtures.reserved(toMove));
        final KafkaTestClient.Contents<String, Parcel> parcels = kafka.readUntil(topic(Topics.SHIPPING_PARCELS),
                c -> !c.valuesFor("it-down-1").isEmpty() && !c.valuesFor("it-moved-1").isEmpty(), TIMEOUT);
        final Instant cutOff = parcels.valuesFor("it-down-1").get(0).getCutOffAt();
        assertThat(parcels.valuesFor("it-moved-1").get(0).getCutOffAt()).as("both in the same slot").isEqualTo(cutOff);
        final Order moved = Order.newBuilder(toMove).setShippingAddress(Address.newBuilder(toMove.getShippingAddress())
                .setLine1("3 place Bellecour").build()).build();
        kafka.send(topic(Topics.ORDERS_UPDATES), toMove.getOrderId(), new OrderUpdate(OrderChanges.updateId(moved), moved, Instant.now()));
        kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> c.valuesFor("it-moved").size() >= 2, TIMEOUT);
        // written past the publisher's validation: dead-lettered, and refused again when the restarted service rebuilds its calendars
        kafka.send(topic(Topics.SHIPPING_CARRIER_CALENDARS), new CarrierCalendarKey(calendar.getCarrierId(), calendar.getWarehouseId()),
                CarrierCalendar.newBuilder(calendar).setTimeZone("Mars/Olympus_Mons").setPackingLeadTimeMinutes(-5).build());
        final List<ConsumerRecord<byte[], byte[]>> deadLetters = kafka.readRaw(topic(Topics.SHIPPING_SCHEDULER_DLQ).name(), 1, TIMEOUT);
        assertThat(deadLetters).as("the invalid calendar is dead-lettered").isNotEmpty();
        assertThat(deadLetters.get(0).headers()).anySatisfy(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                .contains("timeZone: 'Mars/Olympus_Mons' is not an IANA time zone"));
        assertThat(Instant.now()).as("the update was answered and the service can stop before the cut-off").isBefore(cutOff);

        final Instant[] backAt = new Instant[1];
        service.restartWithEmptyState("state-after-downtime", () -> {
            // the service is down: nothing polls, the cut-off just passes
            await("the cut-off passes").atMost(Duration.ofSeconds(90)).until(() -> Instant.now().isAfter(cutOff.plusSeconds(2)));
            backAt[0] = Instant.now();
        });

        final List<ShipmentManifest> manifests = kafka.readUntil(topic(Topics.SHIPPING_MANIFESTS),
                c -> c.records().stream().anyMatch(r -> r.value().getParcels().stream().anyMatch(p -> p.getOrderId().equals("it-down"))),
                TIMEOUT).records().stream().map(r -> r.value()).toList();
        assertThat(manifests).filteredOn(m -> m.getParcels().stream().map(ManifestParcel::getParcelId).anyMatch("it-down-1"::equals))
                .singleElement().satisfies(m -> {
                    assertThat(m.getCutOffAt()).isEqualTo(cutOff);
                    assertThat(m.getIssuedAt()).as("issued by the restarted service").isAfter(backAt[0]);
                });
        assertThat(manifests).flatMap(ShipmentManifest::getParcels).filteredOn(p -> p.getOrderId().equals("it-moved"))
                .singleElement().satisfies(p -> assertThat(p.getRecipient().getLine1()).isEqualTo("3 place Bellecour"));
        final List<OrderStatus> statuses = kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> c.valuesFor("it-down").size() >= 2, TIMEOUT)
                .valuesFor("it-down").stream().map(OrderStatusChange::getStatus).toList();
        assertThat(statuses).containsExactly(OrderStatus.SCHEDULED, OrderStatus.MANIFESTED);
        final List<OrderStatusChange> changes = kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> c.valuesFor("it-moved").size() >= 3,
                TIMEOUT).valuesFor("it-moved");
        assertThat(changes).extracting(c -> c.getStatus() + ":" + c.getReasonCode()).containsExactly("SCHEDULED:shipping.scheduled",
                "SCHEDULED:shipping.update_applied", "MANIFESTED:shipping.manifested");
        assertThat(changes.get(1).getUpdate().getOutcome()).isEqualTo(UpdateOutcome.APPLIED);
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return service.topic(topic);
    }
}
