package org.orderpool.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Clearance;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.FraudListAction;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListEntryType;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.runtime.DeadLetterSettings;
import org.orderpool.serde.AvroSerdes;
import org.orderpool.testing.Fixtures;
import org.orderpool.testing.TopologyTests;

class FraudCheckTopologyTest {

    private static final Instant T0 = Fixtures.T0;

    private final BoundTopics topics = new BoundTopics(AvroSerdes.inMemory(), "");
    private TopologyTestDriver driver;
    private TestInputTopic<String, Order> accepted;
    private TestInputTopic<String, ReviewDecision> decisions;
    private TestInputTopic<FraudListKey, FraudListEntry> lists;
    private TestOutputTopic<String, FraudAssessment> assessments;
    private TestOutputTopic<String, ClearedOrder> cleared;
    private TestOutputTopic<String, OrderStatusChange> status;
    private Instant wallClock = T0;

    @BeforeEach
    void startDriver() {
        driver = TopologyTests.driver(new FraudCheckTopology(topics, FraudSettings.defaults()).build(), "fraud-check-test",
                DeadLetterSettings.forTopic(Topics.FRAUD_CHECK_DLQ.name()), T0);
        accepted = input(Topics.ORDERS_ACCEPTED);
        decisions = input(Topics.FRAUD_REVIEW_DECISIONS);
        lists = input(Topics.FRAUD_LISTS);
        assessments = output(Topics.FRAUD_ASSESSMENTS);
        cleared = output(Topics.ORDERS_CLEARED);
        status = output(Topics.ORDERS_STATUS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldClearAnOrdinaryOrderWithItsScore() {
        accept(order("o-1", "shop-a", "fp_1"), T0);

        assertThat(assessments.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getScore()).isZero();
            assertThat(a.getDecision()).isEqualTo(FraudDecision.ACCEPT);
        });
        assertThat(cleared.readValuesToList()).singleElement().satisfies(c ->
                assertThat(c.getAssessment().getClearance()).isEqualTo(Clearance.SCORE_BELOW_THRESHOLD));
        assertThat(statuses()).containsExactly("o-1:CLEARED");
    }

    @Test
    void shouldHoldACardTestedAcrossShopsOfThePoolWithinAnHour() {
        accept(order("o-1", "shop-a", "fp_hot"), T0);
        accept(order("o-2", "shop-b", "fp_hot"), T0.plus(Duration.ofMinutes(10)));
        accept(order("o-3", "shop-c", "fp_hot"), T0.plus(Duration.ofMinutes(20)));

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored.get(2).getDecision()).isEqualTo(FraudDecision.REVIEW);
        assertThat(scored.get(2).getReasons()).extracting(r -> r.getRuleId()).contains("shops-per-card-24h", "card-velocity-1h");
        assertThat(statuses()).containsExactly("o-1:CLEARED", "o-2:CLEARED", "o-3:IN_REVIEW");
    }

    @Test
    void shouldNotCountOrdersOutsideTheWindows() {
        accept(order("o-1", "shop-a", "fp_slow"), T0);
        accept(order("o-2", "shop-b", "fp_slow"), T0.plus(Duration.ofHours(25)));
        accept(order("o-3", "shop-c", "fp_slow"), T0.plus(Duration.ofHours(50)));

        assertThat(assessments.readValuesToList()).extracting(FraudAssessment::getScore).containsOnly(0);
    }

    @Test
    void shouldBlockOnABlockListEntryAndLetAnAllowEntrySkipReview() {
        lists.pipeInput(new FraudListKey(FraudListEntryType.EMAIL_DOMAIN, "fraud.example"),
                Fixtures.fraudListEntry(FraudListEntryType.EMAIL_DOMAIN, "fraud.example", FraudListAction.BLOCK), T0);
        lists.pipeInput(new FraudListKey(FraudListEntryType.CARD_FINGERPRINT, "fp_vip"),
                Fixtures.fraudListEntry(FraudListEntryType.CARD_FINGERPRINT, "fp_vip", FraudListAction.ALLOW), T0);

        accept(Order.newBuilder(order("o-1", "shop-a", "fp_x")).setCustomer(Fixtures.order("o-1").email("eve@fraud.example").build()
                .getCustomer()).build(), T0);
        for (int i = 0; i < 3; i++) {
            accept(order("vip-" + i, "shop-" + i, "fp_vip"), T0.plus(Duration.ofMinutes(i)));
        }

        assertThat(statuses()).containsExactly("o-1:BLOCKED", "vip-0:CLEARED", "vip-1:CLEARED", "vip-2:CLEARED");
        assertThat(assessments.readValuesToList().get(0).getListMatch()).contains("EMAIL_DOMAIN");
    }

    @Test
    void shouldClearAHeldOrderAnOperatorApprovesAndIgnoreTheSameDecisionAgain() {
        holdOrderForReview("o-3");

        decisions.pipeInput("o-3", Fixtures.reviewDecision("o-3", ReviewVerdict.APPROVE), T0);
        decisions.pipeInput("o-3", Fixtures.reviewDecision("o-3", ReviewVerdict.APPROVE), T0);
        decisions.pipeInput("o-unknown", Fixtures.reviewDecision("o-unknown", ReviewVerdict.BLOCK), T0);

        assertThat(cleared.readValuesToList()).singleElement().satisfies(c -> {
            assertThat(c.getOrder().getOrderId()).isEqualTo("o-3");
            assertThat(c.getAssessment().getClearance()).isEqualTo(Clearance.OPERATOR_APPROVAL);
            assertThat(c.getAssessment().getReviewedBy()).isEqualTo("ops.alice");
        });
        assertThat(statuses()).containsExactly("o-3:CLEARED");
    }

    @Test
    void shouldBlockAHeldOrderAnOperatorBlocks() {
        holdOrderForReview("o-3");

        decisions.pipeInput("o-3", Fixtures.reviewDecision("o-3", ReviewVerdict.BLOCK), T0);

        assertThat(cleared.isEmpty()).isTrue();
        assertThat(status.readValuesToList()).singleElement().satisfies(s -> assertThat(s.getReasonCode()).isEqualTo("fraud.review_blocked"));
    }

    @Test
    void shouldDecideAReviewThatWaitedTooLongByTheShopsPolicy() {
        holdOrderForReview("o-3");

        driver.advanceWallClockTime(Duration.ofHours(3));
        assertThat(status.isEmpty()).isTrue();
        driver.advanceWallClockTime(Duration.ofHours(2));

        assertThat(status.readValuesToList()).singleElement().satisfies(s -> {
            assertThat(s.getStatus().name()).isEqualTo("BLOCKED");
            assertThat(s.getReasonCode()).isEqualTo("fraud.review_timeout");
            assertThat(s.getReason()).contains("within 4 h; the shop's policy is to block");
        });
        decisions.pipeInput("o-3", Fixtures.reviewDecision("o-3", ReviewVerdict.APPROVE), T0);
        assertThat(cleared.isEmpty()).as("a late decision changes nothing").isTrue();
    }

    @Test
    void shouldAssessARepeatedAcceptedOrderOnce() {
        final Order order = order("o-1", "shop-a", "fp_1");

        accept(order, T0);
        accept(order, T0.plusSeconds(5));

        assertThat(assessments.readValuesToList()).hasSize(1);
        assertThat(cleared.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldFireCardVelocityOnPoolTimeWhateverRecordTimestampsTheShopChose() {
        final Duration eightDays = Duration.ofDays(8);
        final Duration anHour = Duration.ofHours(1);
        final Instant tenPast = T0.plus(Duration.ofMinutes(10));
        final Instant twentyPast = T0.plus(Duration.ofMinutes(20));

        pipeAcceptedAt(order("o-1", "shop-a", "fp_stamped"), T0, T0.minus(eightDays));
        pipeAcceptedAt(order("o-2", "shop-b", "fp_stamped"), tenPast, tenPast.plus(anHour));
        pipeAcceptedAt(order("o-3", "shop-c", "fp_stamped"), twentyPast, twentyPast.minus(eightDays));

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored.get(2).getReasons()).extracting(r -> r.getRuleId())
                .contains("card-velocity-1h", "shops-per-card-24h");
        assertThat(scored.get(2).getReasons()).filteredOn(r -> r.getRuleId().equals("card-velocity-1h"))
                .singleElement().satisfies(r -> assertThat(r.getObservedValue()).startsWith("3 orders"));
        assertThat(statuses()).containsExactly("o-1:CLEARED", "o-2:CLEARED", "o-3:IN_REVIEW");
    }

    @Test
    void shouldStampWhatItWritesWithPoolTimeNotTheShopsRecordTimestamp() {
        final Instant accepted = T0.plus(Duration.ofMinutes(10));
        final TestOutputTopic<String, byte[]> toPool = driver.createOutputTopic(
                "fraud-check-test-fraud-pool-orders-repartition", new StringDeserializer(), new ByteArrayDeserializer());

        pipeAcceptedAt(order("o-1", "shop-a", "fp_1"), accepted, T0.minus(Duration.ofDays(8)));
        pipeAcceptedAt(order("o-2", "shop-b", "fp_2"), accepted, accepted.plus(Duration.ofHours(1)));

        assertThat(recordTimes(toPool)).as("to the pool view").containsExactly(accepted, accepted);
        assertThat(recordTimes(assessments)).containsExactly(accepted, accepted);
        assertThat(recordTimes(cleared)).containsExactly(accepted, accepted);
        assertThat(recordTimes(status)).containsExactly(accepted, accepted);
    }

    @Test
    void shouldAssessADuplicateOnceEvenWhenItsRecordIsStampedDaysBackOrAnHourAhead() {
        final Order order = order("o-1", "shop-a", "fp_1");

        accepted.pipeInput(order.getOrderId(), order, T0);
        accepted.pipeInput(order.getOrderId(), order, T0.minus(Duration.ofDays(8)));
        accepted.pipeInput(order.getOrderId(), order, T0.plus(Duration.ofHours(1)));

        assertThat(assessments.readValuesToList()).hasSize(1);
        assertThat(cleared.readValuesToList()).hasSize(1);
        assertThat(statuses()).containsExactly("o-1:CLEARED");
    }

    @Test
    void shouldStillKnowACustomerLastSeenAYearAndHalfADayAgoButNotOneSeenLongerAgo() {
        accept(order("lapsed-1", "shop-a", "fp_lapsed"), T0.minus(Duration.ofDays(367)));
        accept(order("yearly-1", "shop-a", "fp_yearly"), T0.minus(Duration.ofDays(365)).minus(Duration.ofHours(12)));
        assessments.readValuesToList();

        accept(highAmount(order("yearly-2", "shop-a", "fp_yearly")), T0);
        accept(highAmount(order("lapsed-2", "shop-a", "fp_lapsed")), T0);

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored.get(0).getReasons()).as("the same date a year on is a known customer")
                .extracting(r -> r.getRuleId()).doesNotContain("first-seen-high-amount");
        assertThat(scored.get(1).getReasons()).extracting(r -> r.getRuleId()).contains("first-seen-high-amount");
    }

    private void holdOrderForReview(final String heldId) {
        accept(order("o-1", "shop-a", "fp_r"), T0);
        accept(order("o-2", "shop-b", "fp_r"), T0.plusSeconds(60));
        accept(order(heldId, "shop-c", "fp_r"), T0.plusSeconds(120));
        assertThat(statuses()).endsWith(heldId + ":IN_REVIEW");
        cleared.readValuesToList();
    }

    /** An order order-intake accepted at {@code at}, read by fraud-check then, its record stamped then too. */
    private void accept(final Order order, final Instant at) {
        pipeAcceptedAt(order, at, at);
    }

    /** An order order-intake accepted at {@code acceptedAt}, read then, its record stamped {@code recordTime}. */
    private void pipeAcceptedAt(final Order order, final Instant acceptedAt, final Instant recordTime) {
        if (acceptedAt.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, acceptedAt));
            wallClock = acceptedAt;
        }
        final Order stamped = Order.newBuilder(order).setAcceptedAt(acceptedAt).build();
        accepted.pipeInput(stamped.getOrderId(), stamped, recordTime);
    }

    private static Order highAmount(final Order order) {
        final OrderLine line = OrderLine.newBuilder(order.getLines().get(0)).setQuantity(24).build();
        final long total = line.getQuantity() * line.getUnitPrice().getAmountMinor() + order.getShippingCost().getAmountMinor();
        return Order.newBuilder(order).setLines(List.of(line)).setTotal(Fixtures.eur(total)).build();
    }

    private static Order order(final String orderId, final String shopId, final String fingerprint) {
        final PaymentFacts payment = Fixtures.cardPayment();
        payment.setCardFingerprint(fingerprint);
        payment.setClientIp("203.0.113." + Math.abs(orderId.hashCode() % 200));
        return Fixtures.order(orderId).shop(shopId).line("SKU-TEA-01", 1).payment(payment)
                .email(fingerprint + "@example.org").build();
    }

    private static List<Instant> recordTimes(final TestOutputTopic<String, ?> topic) {
        return topic.readRecordsToList().stream().map(TestRecord::getRecordTime).toList();
    }

    private List<String> statuses() {
        return status.readValuesToList().stream().map(s -> s.getOrderId() + ":" + s.getStatus()).toList();
    }

    private <K, V> TestInputTopic<K, V> input(final Topic<K, V> topic) {
        return TopologyTests.input(driver, topics, topic);
    }

    private <K, V> TestOutputTopic<K, V> output(final Topic<K, V> topic) {
        return TopologyTests.output(driver, topics, topic);
    }
}
