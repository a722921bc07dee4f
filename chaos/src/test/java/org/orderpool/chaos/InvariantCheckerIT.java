package org.orderpool.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.CarrierCalendar;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderCancellation;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.Parcel;
import org.orderpool.contracts.PaymentState;
import org.orderpool.contracts.ParcelState;
import org.orderpool.contracts.ShipmentManifest;
import org.orderpool.contracts.SubmittedOrder;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.intake.domain.OrderIds;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;

/**
 * The checker sees breaches when there are some: topics written by hand with one breach of each
 * invariant (the payment gate's two ways), and clean orders beside them that must not be reported.
 */
@RealKafka
class InvariantCheckerIT {

    @Test
    void shouldReportABreachOfEachInvariantAndNothingAboutAnOrderThatWentWell(final KafkaPlatform platform) throws Exception {
        final String prefix = KafkaTestClient.uniquePrefix("checker");
        try (KafkaTestClient kafka = new KafkaTestClient(platform)) {
            kafka.createTopics(Topics.all().stream().<Topic<?, ?>>map(t -> t.withNamePrefix(prefix)).toList());
            final Order good = Fixtures.order("good").line("SKU-TEA-01", 1).build();
            final Order twice = Fixtures.order("twice").line("SKU-TEA-01", 1).build();
            final Order lost = Fixtures.order("lost").build();
            for (final OrderStatus status : List.of(OrderStatus.ACCEPTED, OrderStatus.CLEARED, OrderStatus.RESERVED, OrderStatus.SCHEDULED,
                    OrderStatus.MANIFESTED)) {
                kafka.send(topic(prefix, Topics.ORDERS_STATUS), good.getOrderId(), Fixtures.statusChange(good, status));
            }
            kafka.send(topic(prefix, Topics.ORDERS_STATUS), twice.getOrderId(), Fixtures.statusChange(twice, OrderStatus.CANCELLED));
            kafka.send(topic(prefix, Topics.ORDERS_STATUS), twice.getOrderId(), Fixtures.statusChange(twice, OrderStatus.MANIFESTED));
            kafka.send(topic(prefix, Topics.STOCK_LEVELS), "SKU-TEA-01", Fixtures.stockLevel("SKU-TEA-01", 2, 3));
            final Parcel goodParcel = Fixtures.parcel(good, "colis-express");
            final Parcel twiceParcel = Fixtures.parcel(twice, "colis-express");
            kafka.send(topic(prefix, Topics.SHIPPING_PARCELS), goodParcel.getParcelId(), goodParcel);
            kafka.send(topic(prefix, Topics.SHIPPING_PARCELS), twiceParcel.getParcelId(), twiceParcel);
            kafka.send(topic(prefix, Topics.SHIPPING_MANIFESTS), "m-good", ShipmentManifest.newBuilder(
                    Fixtures.manifest("colis-express", goodParcel)).setManifestId("m-good").build());
            final ShipmentManifest again = Fixtures.manifest("colis-express", twiceParcel);
            kafka.send(topic(prefix, Topics.SHIPPING_MANIFESTS), again.getManifestId(), again);
            kafka.send(topic(prefix, Topics.SHIPPING_MANIFESTS), again.getManifestId(), again);
            final Order lateCancel = Fixtures.order("late-cancel").line("SKU-TEA-01", 1).build();
            final Parcel booked = Fixtures.parcel(lateCancel, "colis-express");
            kafka.send(topic(prefix, Topics.SHIPPING_PARCELS), booked.getParcelId(), booked);
            kafka.send(topic(prefix, Topics.ORDERS_CANCELLATIONS), lateCancel.getOrderId(), cancelledAt(lateCancel, booked.getCutOffAt().plusSeconds(1)));
            kafka.send(topic(prefix, Topics.SHIPPING_PARCELS), booked.getParcelId(), Parcel.newBuilder(booked)
                    .setState(ParcelState.WITHDRAWN).build());
            // the same late cancellation, but its carrier was paused over the cut-off: no truck came, the parcel waited, in time
            final Order waited = Fixtures.order("waited-out-a-pause").line("SKU-TEA-01", 1).build();
            final Parcel waiting = Fixtures.parcel(waited, "colis-paused");
            kafka.send(topic(prefix, Topics.SHIPPING_CARRIER_CALENDARS), Fixtures.calendarKey("colis-paused"),
                    CarrierCalendar.newBuilder(Fixtures.calendar("colis-paused")).setWeeklyCutOffs(List.of()).setExceptions(List.of())
                            .setUpdatedAt(waiting.getCutOffAt().minusSeconds(10)).build());
            kafka.send(topic(prefix, Topics.SHIPPING_CARRIER_CALENDARS), Fixtures.calendarKey("colis-paused"),
                    CarrierCalendar.newBuilder(Fixtures.calendar("colis-paused")).setUpdatedAt(waiting.getCutOffAt().plusSeconds(20)).build());
            kafka.send(topic(prefix, Topics.SHIPPING_PARCELS), waiting.getParcelId(), waiting);
            kafka.send(topic(prefix, Topics.ORDERS_CANCELLATIONS), waited.getOrderId(), cancelledAt(waited, waiting.getCutOffAt().plusSeconds(1)));
            kafka.send(topic(prefix, Topics.SHIPPING_PARCELS), waiting.getParcelId(), Parcel.newBuilder(waiting)
                    .setState(ParcelState.WITHDRAWN).build());
            kafka.sendRaw(prefix + Topics.ORDER_INTAKE_DLQ.name(), null, "echo 4111111111111111".getBytes(StandardCharsets.UTF_8));
            // the payment gate: one order never paid and reserved all the same, one released before its paid update,
            // one released after it (fine)
            final SubmittedOrder neverPaid = unpaid("never-paid");
            final SubmittedOrder releasedEarly = unpaid("released-early");
            final SubmittedOrder paidThenReleased = unpaid("paid-then-released");
            final SubmittedOrder sentThenLost = unpaid("sent-then-lost"); // on the intake topic, and then nothing
            for (final SubmittedOrder version : List.of(neverPaid, releasedEarly, paidThenReleased, sentThenLost,
                    paid(releasedEarly, Fixtures.T0.plusSeconds(60)), paid(paidThenReleased, Fixtures.T0.plusSeconds(10)))) {
                kafka.send(topic(prefix, Topics.SHOP_ORDERS_SUBMITTED), Fixtures.shopOrderKey(version.getShopId(), version.getShopOrderRef()),
                        version);
            }
            sendStatuses(kafka, prefix, neverPaid, Fixtures.T0, OrderStatus.AWAITING_PAYMENT, OrderStatus.ACCEPTED, OrderStatus.CLEARED,
                    OrderStatus.RESERVED, OrderStatus.CANCELLED);
            sendStatuses(kafka, prefix, releasedEarly, Fixtures.T0.plusSeconds(30), OrderStatus.ACCEPTED, OrderStatus.CANCELLED);
            sendStatuses(kafka, prefix, paidThenReleased, Fixtures.T0.plusSeconds(20), OrderStatus.ACCEPTED, OrderStatus.CANCELLED);
            final Path log = Files.writeString(Files.createTempFile(Path.of("target"), "service", ".log"), "all fine\n");

            final List<InvariantChecker.Invariant> invariants = new InvariantChecker(kafka, prefix).check(new InvariantChecker.Expectations(
                    Set.of(good.getOrderId(), twice.getOrderId(), lost.getOrderId(), orderId(neverPaid), orderId(releasedEarly),
                            orderId(paidThenReleased), orderId(sentThenLost)),
                    List.of(InvariantChecker.DeadLetter.once(Topics.ORDER_INTAKE_DLQ, "never dead-lettered".getBytes(StandardCharsets.UTF_8))),
                    Set.of("4111111111111111"), List.of(log)));

            assertThat(invariants).extracting(InvariantChecker.Invariant::holds).containsOnly(false);
            assertThat(String.join("\n", invariants.get(0).breaches())).contains(twice.getOrderId() + " has 2 terminal")
                    .contains(lost.getOrderId() + " has 0 terminal").doesNotContain(good.getOrderId())
                    .contains(lost.getOrderId() + " has 0 terminal statuses: []; sent as [no record on any intake topic")
                    .contains(orderId(sentThenLost) + " has 0 terminal statuses: []; sent as [" + prefix
                            + Topics.SHOP_ORDERS_SUBMITTED.name() + "-").contains("key shop-a/sent-then-lost]");
            assertThat(invariants.get(1).breaches()).singleElement().asString().contains("SKU-TEA-01");
            assertThat(String.join("\n", invariants.get(2).breaches())).contains("is a line of more than one manifest");
            assertThat(String.join("\n", invariants.get(3).breaches())).contains("issued 2 times")
                    .contains("parcel " + booked.getParcelId() + " withdrawn for a cancellation requested at")
                    .doesNotContain(goodParcel.getParcelId()).doesNotContain(waiting.getParcelId());
            assertThat(invariants.get(4).breaches()).singleElement().asString().contains("ending 1111").contains("order-intake.dlq");
            assertThat(invariants.get(5).breaches()).singleElement().asString().contains("0 times");
            assertThat(invariants.get(6).breaches()).hasSize(2)
                    .anySatisfy(breach -> assertThat(breach).startsWith(orderId(neverPaid) + " went ACCEPTED").contains("no version of it was paid"))
                    .anySatisfy(breach -> assertThat(breach).startsWith(orderId(releasedEarly) + " went ACCEPTED")
                            .contains("before its first paid version"));
        }
    }

    private static OrderCancellation cancelledAt(final Order order, final Instant requestedAt) {
        return OrderCancellation.newBuilder(Fixtures.cancellation(order)).setRequestedAt(requestedAt).build();
    }

    /** A valid order of shop-a sent before it was paid (PENDING), received at {@link Fixtures#T0}. */
    private static SubmittedOrder unpaid(final String ref) {
        return SubmittedOrder.newBuilder(Fixtures.order(ref).shop("shop-a").shopOrderRef(ref).line("SKU-TEA-01", 1).submitted())
                .setPaymentState(PaymentState.PENDING).setReceivedAt(Fixtures.T0).build();
    }

    /** The platform's paid update of {@code order}, received at {@code receivedAt}. */
    private static SubmittedOrder paid(final SubmittedOrder order, final Instant receivedAt) {
        return SubmittedOrder.newBuilder(order).setPaymentState(PaymentState.PAID).setReceivedAt(receivedAt).build();
    }

    private static String orderId(final SubmittedOrder order) {
        return OrderIds.forShopOrder(order.getShopId(), order.getShopOrderRef());
    }

    /** The order's statuses, the first at {@code from} (the ones before ACCEPTED a second earlier), one a second apart. */
    private static void sendStatuses(final KafkaTestClient kafka, final String prefix, final SubmittedOrder order, final Instant from,
                                     final OrderStatus... statuses) {
        Instant at = from;
        for (final OrderStatus status : statuses) {
            kafka.send(topic(prefix, Topics.ORDERS_STATUS), orderId(order), StatusChanges.change(orderId(order), order.getShopId(),
                    order.getShopOrderRef(), status, "test", "set by the test", "test",
                    status == OrderStatus.AWAITING_PAYMENT ? order.getReceivedAt() : at));
            at = at.plusSeconds(1);
        }
    }

    private static <K, V> Topic<K, V> topic(final String prefix, final Topic<K, V> topic) {
        return topic.withNamePrefix(prefix);
    }
}
