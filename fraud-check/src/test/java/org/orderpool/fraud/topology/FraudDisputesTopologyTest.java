package org.orderpool.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.Customer;
import org.orderpool.contracts.DisputeKind;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderDispute;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.RiskReason;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.fraud.domain.DisputeMark;
import org.orderpool.fraud.domain.AssessedOrder;
import org.orderpool.fraud.domain.RiskRules;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

/** fraud-check's reading of fraud.disputes: a disputed order's card, e-mail and address, and the rule that weighs them later. */
class FraudDisputesTopologyTest {

    private static final Instant T0 = Fixtures.T0;

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Order> accepted;
    private TestInputTopic<String, OrderDispute> disputes;
    private TestOutputTopic<String, FraudAssessment> assessments;
    private TestOutputTopic<String, OrderStatusChange> status;
    private Instant wallClock = T0;

    @BeforeEach
    void startDriver() {
        driver = TopologyTests.driver(new FraudCheckTopology(topics, FraudSettings.defaults()).build(), "fraud-disputes-test",
                DeadLetterSettings.forTopic(Topics.FRAUD_CHECK_DLQ.name()), T0);
        accepted = TopologyTests.input(driver, topics, Topics.ORDERS_ACCEPTED);
        disputes = TopologyTests.input(driver, topics, Topics.FRAUD_DISPUTES);
        assessments = TopologyTests.output(driver, topics, Topics.FRAUD_ASSESSMENTS);
        status = TopologyTests.output(driver, topics, Topics.ORDERS_STATUS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldSendANewOrderOfADisputedCardAtAnotherShopToReviewWithTheReason() {
        accept(order("o-1", "shop-a", "fp_d", "jo@example.org", "1 Rue Haute"), T0);
        assertThat(assessments.readValuesToList()).singleElement().extracting(FraudAssessment::getDecision)
                .isEqualTo(FraudDecision.ACCEPT);
        dispute("shop-a:dsp-1", "o-1", DisputeKind.CHARGEBACK, "fraudulent", T0.plus(Duration.ofDays(30)));
        assertThat(assessments.isEmpty()).as("a dispute alone says nothing").isTrue();

        accept(order("o-2", "shop-b", "fp_d", "other@example.org", "9 Rue Basse"), T0.plus(Duration.ofDays(40)));

        final FraudAssessment second = assessments.readValuesToList().get(0);
        assertThat(second.getDecision()).isEqualTo(FraudDecision.REVIEW);
        assertThat(second.getRulesetVersion()).isEqualTo(RiskRules.defaults().version());
        assertThat(second.getReasons()).extracting(RiskReason::getRuleId).containsExactly(RiskRules.DISPUTED_BEFORE);
        assertThat(second.getReasons().get(0).getObservedValue())
                .isEqualTo("card disputed a payment 10 days ago (chargeback, fraudulent) at another shop")
                .doesNotContain("fp_d");
        assertThat(status.readValuesToList()).extracting(s -> s.getOrderId() + ":" + s.getStatus())
                .containsExactly("o-1:CLEARED", "o-2:IN_REVIEW");
    }

    @Test
    void shouldRecordTheDisputeUnderTheOrdersEmailAndAddressToo() {
        accept(order("o-1", "shop-a", "fp_d", "jo@example.org", "1 Rue Haute"), T0);
        dispute("shop-a:dsp-1", "o-1", DisputeKind.INQUIRY, "product_not_received", T0.plus(Duration.ofDays(5)));

        accept(order("o-2", "shop-a", "fp_new", "jo@example.org", "1 Rue Haute"), T0.plus(Duration.ofDays(6)));

        final FraudAssessment second = assessments.readValuesToList().get(1);
        assertThat(second.getDecision()).isEqualTo(FraudDecision.REVIEW);
        assertThat(second.getReasons()).filteredOn(r -> r.getRuleId().equals(RiskRules.DISPUTED_BEFORE)).singleElement()
                .extracting(RiskReason::getObservedValue)
                .isEqualTo("e-mail and shipping address disputed a payment 24 h ago (inquiry, product_not_received) at this shop");
    }

    @Test
    void shouldCountADisputeReportedTwiceOnce() {
        accept(order("o-1", "shop-a", "fp_d", "jo@example.org", "1 Rue Haute"), T0);
        dispute("shop-a:dsp-1", "o-1", DisputeKind.CHARGEBACK, "unrecognized", T0.plus(Duration.ofDays(20)));
        dispute("shop-a:dsp-1", "o-1", DisputeKind.CHARGEBACK, "unrecognized", T0.plus(Duration.ofDays(21)));

        assertThat(entries(driver.getWindowStore(FraudCheckTopology.DISPUTE_STORE), "card:fp_d")).singleElement()
                .satisfies(mark -> assertThat(((DisputeMark) mark).reportedAtMillis())
                        .isEqualTo(T0.plus(Duration.ofDays(20)).toEpochMilli()));
        accept(order("o-2", "shop-b", "fp_d", "other@example.org", "9 Rue Basse"), T0.plus(Duration.ofDays(22)));
        final FraudAssessment second = assessments.readValuesToList().get(1);
        assertThat(second.getReasons().get(0).getObservedValue()).doesNotContain("disputes in");
        assertThat(second.getScore()).isEqualTo(RiskRules.defaults().disputes().weight());
    }

    @Test
    void shouldLogAndCountADisputeOfAnOrderThePoolNeverSawAndChangeNothing() {
        dispute("shop-a:dsp-9", "o-unknown", DisputeKind.CHARGEBACK, "fraudulent", T0.plusSeconds(5));

        assertThat(assessments.isEmpty()).isTrue();
        assertThat(status.isEmpty()).isTrue();
        assertThat(unknownOrderDisputes()).isEqualTo(1.0);
        accept(order("o-1", "shop-a", "fp_d", "jo@example.org", "1 Rue Haute"), T0.plusSeconds(10));
        assertThat(assessments.readValuesToList()).singleElement().extracting(FraudAssessment::getDecision)
                .isEqualTo(FraudDecision.ACCEPT);
    }

    @Test
    void shouldForgetAnOrdersIdentitiesAfterTheDisputedOrderMemory() {
        final Duration memory = FraudSettings.defaults().disputedOrderMemory();
        accept(order("o-1", "shop-a", "fp_old", "jo@example.org", "1 Rue Haute"), T0);
        final Instant later = T0.plus(memory).plus(Duration.ofDays(2));
        accept(order("o-2", "shop-b", "fp_other", "kim@example.org", "2 Rue Neuve"), later);

        dispute("shop-a:dsp-1", "o-1", DisputeKind.CHARGEBACK, "fraudulent", later.plusSeconds(60));

        assertThat(unknownOrderDisputes()).isEqualTo(1.0);
        accept(order("o-3", "shop-b", "fp_old", "new@example.org", "3 Rue Neuve"), later.plusSeconds(120));
        assertThat(assessments.readValuesToList()).extracting(FraudAssessment::getDecision)
                .containsExactly(FraudDecision.ACCEPT, FraudDecision.ACCEPT, FraudDecision.ACCEPT);
        // The store drops whole segments (half its retention each) once stream time has passed them: no punctuation scans it.
        accept(order("o-4", "shop-c", "fp_4", "ana@example.org", "4 Rue Neuve"), T0.plus(memory).plus(memory.dividedBy(2))
                .plus(Duration.ofDays(1)));
        assertThat(entries(driver.getWindowStore(FraudCheckTopology.ASSESSED_ORDER_STORE), "o-1")).isEmpty();
        assertThat(entries(driver.getWindowStore(FraudCheckTopology.ASSESSED_ORDER_STORE), "o-4")).singleElement()
                .isInstanceOf(AssessedOrder.class);
    }

    @Test
    void shouldSendAnUndecodableDisputeToTheDeadLetterTopicWithItsBytesAndGoOn() {
        final TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.FRAUD_DISPUTES.name(), new StringSerializer(),
                new ByteArraySerializer());
        final TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(Topics.FRAUD_CHECK_DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        final byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

        raw.pipeInput("o-1", garbage, T0);

        assertThat(dlq.readValuesToList()).singleElement().isEqualTo(garbage);
        accept(order("o-1", "shop-a", "fp_d", "jo@example.org", "1 Rue Haute"), T0.plusSeconds(1));
        assertThat(assessments.readValuesToList()).hasSize(1);
    }

    private double unknownOrderDisputes() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(FraudProcessor.UNKNOWN_ORDER_DISPUTES + "-total"))
                .map(e -> (Double) e.getValue().metricValue()).findFirst().orElseThrow();
    }

    private void dispute(final String disputeId, final String orderId, final DisputeKind kind, final String reason, final Instant at) {
        advanceTo(at);
        disputes.pipeInput(orderId, OrderDispute.newBuilder().setDisputeId(disputeId).setOrderId(orderId).setShopId("shop-a")
                .setShopOrderRef("#1001").setKind(kind).setReason(reason).setAmount(Fixtures.eur(4_500))
                .setOpenedAt(at.minus(Duration.ofDays(3))).setReceivedAt(at).build(), at);
    }

    private void accept(final Order order, final Instant at) {
        advanceTo(at);
        final Order stamped = Order.newBuilder(order).setAcceptedAt(at).build();
        accepted.pipeInput(stamped.getOrderId(), stamped, at);
    }

    private void advanceTo(final Instant at) {
        if (at.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, at));
            wallClock = at;
        }
    }

    private static Order order(final String orderId, final String shopId, final String fingerprint, final String email,
                               final String street) {
        final PaymentFacts payment = Fixtures.cardPayment();
        payment.setCardFingerprint(fingerprint);
        payment.setClientIp("203.0.113." + Math.abs(orderId.hashCode() % 200));
        final Order order = Fixtures.order(orderId).shop(shopId).line("SKU-TEA-01", 1).payment(payment).email(email).build();
        final Address address = Address.newBuilder(Fixtures.address("Jo Martin", "FR")).setLine1(street).build();
        return Order.newBuilder(order).setShippingAddress(address).setBillingAddress(address)
                .setCustomer(Customer.newBuilder(order.getCustomer()).setEmail(email).build()).build();
    }

    private static List<Object> entries(final WindowStore<String, ?> store, final String key) {
        final List<Object> values = new ArrayList<>();
        try (WindowStoreIterator<?> all = store.fetch(key, T0.minus(Duration.ofDays(400)), T0.plus(Duration.ofDays(800)))) {
            all.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }

}
