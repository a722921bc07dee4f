package org.orderpool.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Clearance;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.ReviewVerdict;
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
        for (final String shop : List.of("tea-house", "ceramics-studio", "bike-corner")) {
            final PaymentFacts payment = Fixtures.cardPayment();
            payment.setCardFingerprint("fp_it_round_trip");
            final Order order = Fixtures.order("it-" + shop).shop(shop).line("SKU-TEA-01", 1).payment(payment)
                    .email("round.trip@example.org").build();
            kafka.send(topic(Topics.ORDERS_ACCEPTED), order.getOrderId(), order);
        }

        // whichever of the three the pool sees last is the third use of the card: it is held
        final List<OrderStatusChange> statuses = kafka.readUntil(topic(Topics.ORDERS_STATUS), c -> c.values().size() >= 3, TIMEOUT).values();
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
        assertThat(kafka.read(topic(Topics.FRAUD_ASSESSMENTS), 3, TIMEOUT).values()).hasSize(3);
    }

    private static <K, V> Topic<K, V> topic(final Topic<K, V> topic) {
        return service.topic(topic);
    }
}
