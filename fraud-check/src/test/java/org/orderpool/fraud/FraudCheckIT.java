package org.orderpool.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Clearance;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.contracts.status.StatusChanges;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.KafkaPlatform;
import org.orderpool.testing.KafkaTestClient;
import org.orderpool.testing.RealKafka;
import org.orderpool.testing.ServiceUnderTest;

/** fraud-check as it runs, on the real broker and registry: one review round trip. */
@RealKafka
class FraudCheckIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static ServiceUnderTest service;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startService(final KafkaPlatform platform) {
        service = ServiceUnderTest.start(FraudCheckApplication::builder, platform, KafkaTestClient.uniquePrefix("fraud"), "fraud-check");
        kafka = service.kafka();
    }

    @AfterAll
    static void stopService() {
        service.close();
    }

    @Test
    void shouldHoldACardUsedAcrossShopsAndClearItWhenAnOperatorApproves() {
        final List<String> shops = List.of("tea-house", "ceramics-studio", "bike-corner");
        final String sku = skuOnNoPartitionOf(shops.stream().map(shop -> "it-" + shop).toList());
        for (final String shop : shops) {
            final PaymentFacts payment = Fixtures.cardPayment();
            payment.setCardFingerprint("fp_it_round_trip");
            final Order order = Fixtures.order("it-" + shop).shop(shop).line(sku, 1).payment(payment)
                    .email("round.trip@example.org").build();
            kafka.send(topic(Topics.ORDERS_ACCEPTED), order.getOrderId(), order);
        }

        // whichever of the three the pool sees last is the third use of the card: it is held
        final List<OrderStatusChange> statuses = statusesOf("it-", 3);
        assertThat(statuses).extracting(OrderStatusChange::getStatus)
                .containsExactlyInAnyOrder(OrderStatus.CLEARED, OrderStatus.CLEARED, OrderStatus.IN_REVIEW);
        final String held = statuses.stream().filter(s -> s.getStatus() == OrderStatus.IN_REVIEW).findFirst().orElseThrow().getOrderId();

        kafka.send(topic(Topics.FRAUD_REVIEW_DECISIONS), held, Fixtures.reviewDecision(held, ReviewVerdict.APPROVE));

        final List<ClearedOrder> cleared = kafka.readUntil(topic(Topics.ORDERS_CLEARED), c -> !c.valuesFor(held).isEmpty(), TIMEOUT)
                .valuesFor(held);
        assertThat(cleared).singleElement().satisfies(c -> {
            assertThat(c.getAssessment().getClearance()).isEqualTo(Clearance.OPERATOR_APPROVAL);
            assertThat(c.getAssessment().getReviewedBy()).isEqualTo("ops.alice");
        });
        assertThat(kafka.readUntil(topic(Topics.FRAUD_ASSESSMENTS), c -> c.values().stream()
                .filter(a -> a.getOrderId().startsWith("it-")).count() >= 3, TIMEOUT).values())
                .filteredOn(a -> a.getOrderId().startsWith("it-")).hasSize(3);
        // the two cleared at once went to their SKU's partition, where stock-reservation's owner of the SKU reads them; the
        // one cleared after its review to its order id's
        assertThat(kafka.readToEnd(topic(Topics.ORDERS_CLEARED))).filteredOn(r -> r.key().startsWith("it-"))
                .extracting(r -> r.key() + "@" + r.partition() + ":" + ClearedOrderPartitions.atSkuOf(r.headers()).orElse("-"))
                .containsExactlyInAnyOrderElementsOf(shops.stream().map(shop -> "it-" + shop).map(id -> id.equals(held)
                        ? id + "@" + Topics.partitionOf(id, Topics.ORDER_PARTITIONS) + ":-"
                        : id + "@" + Topics.partitionOf(sku, Topics.SKU_PARTITIONS) + ":" + sku).toList());
    }

    /** A SKU whose partition is none of these order ids': where an order goes tells which of the two it went by. */
    private static String skuOnNoPartitionOf(final List<String> orderIds) {
        for (int i = 1; ; i++) {
            final String sku = "SKU-TEA-" + i;
            if (orderIds.stream().noneMatch(id -> Topics.partitionOf(id, Topics.ORDER_PARTITIONS) == Topics.partitionOf(sku,
                    Topics.SKU_PARTITIONS))) {
                return sku;
            }
        }
    }

    @Test
    void shouldRefuseTheShopsUpdateOfAHeldOrderAnOperatorBlocks() {
        final List<Order> orders = new ArrayList<>();
        for (final String shop : List.of("tea-house", "ceramics-studio", "bike-corner")) {
            final PaymentFacts payment = Fixtures.cardPayment();
            payment.setCardFingerprint("fp_it_blocked_update");
            final Order order = Fixtures.order("blk-" + shop).shop(shop).line("SKU-TEA-01", 1).payment(payment)
                    .email("blocked.update@example.org").build();
            orders.add(order);
            kafka.send(topic(Topics.ORDERS_ACCEPTED), order.getOrderId(), order);
        }
        final String held = statusesOf("blk-", 3).stream().filter(s -> s.getStatus() == OrderStatus.IN_REVIEW).findFirst()
                .orElseThrow().getOrderId();
        final Order heldOrder = orders.stream().filter(o -> o.getOrderId().equals(held)).findFirst().orElseThrow();
        final Order moved = Order.newBuilder(heldOrder).setShippingAddress(Fixtures.address("Jo Smith", "BE")).build();

        kafka.send(topic(Topics.ORDERS_UPDATES), held, OrderUpdate.newBuilder().setUpdateId(OrderChanges.updateId(moved))
                .setOrder(moved).setRequestedAt(Instant.now()).build());
        kafka.send(topic(Topics.FRAUD_REVIEW_DECISIONS), held, Fixtures.reviewDecision(held, ReviewVerdict.BLOCK));

        // the decision and the update may reach the pool task in either order: the update is refused either way
        final List<OrderStatusChange> answers = kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> c.valuesFor(held).stream()
                .anyMatch(StatusChanges::isUpdateAnswer), TIMEOUT).valuesFor(held).stream().filter(StatusChanges::isUpdateAnswer).toList();
        assertThat(answers).singleElement().satisfies(answer -> {
            assertThat(answer.getStatus()).isEqualTo(OrderStatus.BLOCKED);
            assertThat(answer.getReasonCode()).isEqualTo("fraud.update_order_blocked");
            assertThat(answer.getUpdate().getOutcome()).isEqualTo(UpdateOutcome.REFUSED);
        });
    }

    @Test
    void shouldRememberTheDaysOrdersAfterARestartOnAnEmptyStateDirectory() {
        final List<String> shops = List.of("tea-house", "ceramics-studio", "bike-corner");
        for (int i = 0; i < shops.size(); i++) {
            if (i == 2) {
                assertThat(statusesOf("rst-", 2)).extracting(OrderStatusChange::getStatus).containsOnly(OrderStatus.CLEARED);
                // the count rules read an index in memory: built again from the store, restored from its changelog
                service.restartWithEmptyState("state-after-restart");
            }
            final PaymentFacts payment = Fixtures.cardPayment();
            payment.setCardFingerprint("fp_it_restart");
            final Order order = Fixtures.order("rst-" + i).shop(shops.get(i)).line("SKU-TEA-01", 1).payment(payment)
                    .email("restart.card@example.org").build();
            kafka.send(topic(Topics.ORDERS_ACCEPTED), order.getOrderId(), order);
        }

        assertThat(statusesOf("rst-", 3)).filteredOn(s -> s.getOrderId().equals("rst-2")).extracting(OrderStatusChange::getStatus)
                .as("the card's third shop in a day, two of them before the restart").containsExactly(OrderStatus.IN_REVIEW);
    }

    /** The status changes of the orders whose id starts with {@code prefix}, once there are {@code expected} of them. */
    private static List<OrderStatusChange> statusesOf(final String prefix, final int expected) {
        return kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> c.values().stream().filter(s -> s.getOrderId().startsWith(prefix))
                .count() >= expected, TIMEOUT).values().stream().filter(s -> s.getOrderId().startsWith(prefix)).toList();
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return service.topic(topic);
    }
}
