package org.orderpool.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orderpool.contracts.Address;
import org.orderpool.contracts.AuthorisationStatus;
import org.orderpool.contracts.Clearance;
import org.orderpool.contracts.ClearedOrder;
import org.orderpool.contracts.Customer;
import org.orderpool.contracts.FraudAssessment;
import org.orderpool.contracts.FraudDecision;
import org.orderpool.contracts.FraudListAction;
import org.orderpool.contracts.FraudListEntry;
import org.orderpool.contracts.FraudListEntryType;
import org.orderpool.contracts.FraudListKey;
import org.orderpool.contracts.Order;
import org.orderpool.contracts.OrderLine;
import org.orderpool.contracts.OrderStatus;
import org.orderpool.contracts.OrderStatusChange;
import org.orderpool.contracts.OrderUpdate;
import org.orderpool.contracts.PaymentFacts;
import org.orderpool.contracts.ReviewDecision;
import org.orderpool.contracts.ReviewVerdict;
import org.orderpool.contracts.ThreeDSecureResult;
import org.orderpool.contracts.topic.BoundTopics;
import org.orderpool.contracts.topic.ClearedOrderPartitions;
import org.orderpool.contracts.topic.Topic;
import org.orderpool.contracts.topic.Topics;
import org.orderpool.contracts.update.OrderChanges;
import org.orderpool.contracts.UpdateOutcome;
import org.orderpool.fraud.domain.AssessedOrder;
import org.orderpool.fraud.domain.History;
import org.orderpool.fraud.domain.Observation;
import org.orderpool.fraud.domain.PoolView;
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
    private TestInputTopic<String, OrderUpdate> updates;
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
        updates = input(Topics.ORDERS_UPDATES);
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
    void shouldReadAcceptedOrdersInThePoolViewsOwnTaskWithoutAHopBetween() {
        final TopologyDescription described = new FraudCheckTopology(topics, FraudSettings.defaults()).build().describe();

        final TopologyDescription.Subtopology pool = described.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(node -> node.name().equals("fraud-pool-view"))).findFirst().orElseThrow();
        assertThat(pool.nodes()).filteredOn(node -> node instanceof TopologyDescription.Source)
                .flatExtracting(node -> ((TopologyDescription.Source) node).topicSet())
                .contains(topics.name(Topics.ORDERS_ACCEPTED)).noneMatch(topic -> topic.contains("fraud-pool-orders"));
    }

    @Test
    void shouldNotAssessAgainAnOrderAVersionBefore20261202RecordedAsDecided() {
        final WindowStore<String, String> legacy = driver.getWindowStore(FraudCheckTopology.LEGACY_DECIDED_STORE);
        legacy.put("o-before", "ACCEPT", T0.toEpochMilli());

        accept(order("o-before", "shop-a", "fp_before"), T0.plusSeconds(60));
        accept(order("o-after", "shop-a", "fp_after"), T0.plusSeconds(60));

        assertThat(assessments.readValuesToList()).extracting(FraudAssessment::getOrderId).containsExactly("o-after");
        assertThat(entries(legacy, "o-after")).as("never written").isEmpty();
    }

    @Test
    void shouldStampWhatItWritesWithPoolTimeNotTheShopsRecordTimestamp() {
        final Instant accepted = T0.plus(Duration.ofMinutes(10));
        pipeAcceptedAt(order("o-1", "shop-a", "fp_1"), accepted, T0.minus(Duration.ofDays(8)));
        pipeAcceptedAt(order("o-2", "shop-b", "fp_2"), accepted, accepted.plus(Duration.ofHours(1)));

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

    @Test
    void shouldHoldTheSecondCardAndNameShippedToANewAddressWithinMinutesFromAnotherShop() {
        final Address drop = Fixtures.address("Parcel Point", "FR");

        accept(billedTo(shipTo(named(order("d-1", "shop-a", "fp_d1"), "Ann", "Lee"), drop), street("Ann Lee", "1 Elm Road")), T0);
        accept(billedTo(shipTo(named(order("d-2", "shop-b", "fp_d2"), "Bo", "Kim"), drop), street("Bo Kim", "2 Oak Road")),
                T0.plus(Duration.ofMinutes(4)));

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored.get(1).getReasons()).filteredOn(r -> r.getRuleId().equals("reshipping-drop")).singleElement()
                .satisfies(r -> assertThat(r.getObservedValue()).isEqualTo("2 different cards shipping to this address in 30 min; "
                        + "2 different cardholder names shipping to this address in 30 min; address first seen 4 min ago"));
        assertThat(statuses()).containsExactly("d-1:CLEARED", "d-2:IN_REVIEW");
    }

    @Test
    void shouldNotCountCardsShippedToOneAddressOnceTheyAreOutOfTheWindow() {
        accept(billedTo(shipTo(named(order("h-1", "shop-a", "fp_h1"), "Ann", "Lee"), Fixtures.address("Ann Lee", "FR")),
                street("Ann Lee", "1 Elm Road")), T0);
        accept(billedTo(shipTo(named(order("h-2", "shop-b", "fp_h2"), "Bo", "Kim"), Fixtures.address("Bo Kim", "FR")),
                street("Bo Kim", "2 Oak Road")), T0.plus(Duration.ofMinutes(31)));

        assertThat(assessments.readValuesToList()).extracting(FraudAssessment::getScore).containsOnly(0);
        assertThat(statuses()).containsExactly("h-1:CLEARED", "h-2:CLEARED");
    }

    @Test
    void shouldHoldThenBlockTheCardsOfOneBinFromOneForeignIpAcrossShops() {
        for (int i = 1; i <= 3; i++) {
            final Order attempt = small(fromIp(withBin(order("b-" + i, "shop-" + i, "fp_b" + i), "414720"), "192.0.2.9", "VN"));
            accept(shipTo(attempt, street("Buyer " + i, i + " Elm Road")), T0.plus(Duration.ofMinutes(2L * i)));
        }

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored.get(1).getReasons()).extracting(r -> r.getRuleId()).containsExactly("bin-attack-abroad", "country-mismatch");
        assertThat(scored.get(1).getReasons().get(0).getObservedValue()).isEqualTo("2 different cards of this BIN from this IP in 1 h; "
                + "card new to the pool; IP VN vs shipping FR");
        assertThat(scored.get(2).getReasons()).extracting(r -> r.getRuleId())
                .containsExactly("bin-attack", "bin-attack-abroad", "bin-cards-per-ip-1h", "country-mismatch");
        assertThat(statuses()).containsExactly("b-1:CLEARED", "b-2:IN_REVIEW", "b-3:BLOCKED");
    }

    @Test
    void shouldNotCallACardNewThatAnotherShopOfThePoolSawDaysAgo() {
        accept(fromIp(card(order("k-1", "shop-a", "fp_us"), "US"), "198.51.100.9", "US"), T0.minus(Duration.ofDays(3)));
        assessments.readValuesToList();
        status.readValuesToList();

        accept(withoutThreeDs(fromIp(card(email(order("k-2", "shop-b", "fp_us"), "other@example.com"), "US"), "198.51.100.9", "NG")),
                T0);
        accept(withoutThreeDs(fromIp(card(email(order("n-1", "shop-b", "fp_new"), "new@example.com"), "US"), "198.51.100.10", "NG")),
                T0.plusSeconds(1));

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored.get(0).getReasons()).as("a card the pool knows for 3 days").extracting(r -> r.getRuleId())
                .containsExactly("country-mismatch");
        assertThat(scored.get(1).getReasons()).extracting(r -> r.getRuleId())
                .containsExactly("first-order-abroad-no-3ds", "country-mismatch");
        assertThat(statuses()).containsExactly("k-2:CLEARED", "n-1:IN_REVIEW");
    }

    @Test
    void shouldWeighAnAmountAgainstWhatTheCustomerSpentInTheOtherShops() {
        accept(order("c-1", "shop-a", "fp_c"), T0.minus(Duration.ofDays(2)));
        accept(order("c-2", "shop-b", "fp_c"), T0.minus(Duration.ofDays(1)));
        assessments.readValuesToList();

        accept(highAmount(order("c-3", "shop-c", "fp_c")), T0);

        assertThat(assessments.readValuesToList()).singleElement().satisfies(a -> assertThat(a.getReasons())
                .filteredOn(r -> r.getRuleId().equals("amount-vs-customer-history")).singleElement()
                .satisfies(r -> assertThat(r.getObservedValue()).isEqualTo("17x the customer's usual 17.40 EUR")));
    }

    @Test
    void shouldReadAtMostTheReadLimitOfObservationsUnderOneKey() {
        for (int i = 0; i < PoolView.READ_LIMIT + 5; i++) {
            accept(fromIp(order("ip-" + i, "shop-" + (i % 4), "fp_ip" + i), "203.0.113.250", "FR"), T0.plusSeconds(i));
        }

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored.get(scored.size() - 1).getReasons()).filteredOn(r -> r.getRuleId().equals("ip-velocity-1h")).singleElement()
                .satisfies(r -> assertThat(r.getObservedValue()).isEqualTo("50 or more orders from this IP in 1 h"));
    }

    @Test
    void shouldStoreEachOrderOnceWithItsObservationForTheDisputedOrderMemoryAndNothingInTheStoreBefore20261208() {
        final WindowStore<String, AssessedOrder> assessed = driver.getWindowStore(FraudCheckTopology.ASSESSED_ORDER_STORE);
        final WindowStore<String, Observation> before = driver.getWindowStore(FraudCheckTopology.LEGACY_OBSERVATION_STORE);
        accept(fromIp(order("m-1", "shop-a", "fp_m1"), "203.0.113.251", "FR"), T0);
        assertThat(entries(assessed, "m-1")).as("one record for the order, naming its traits").singleElement()
                .satisfies(o -> assertThat(o.observation().clientIp()).isEqualTo("203.0.113.251"))
                .satisfies(o -> assertThat(o.card()).isEqualTo("fp_m1"));
        assertThat(entries(assessed, "ip:203.0.113.251")).as("none under each trait").isEmpty();

        accept(order("m-2", "shop-b", "fp_m2"), T0.plus(PoolView.MEMORY).plusSeconds(1));

        assertThat(entries(assessed, "m-1")).as("kept past the pool's day, for a dispute").hasSize(1);
        assertThat(entries(assessed, "m-2")).hasSize(1);
        assertThat(entries(before, "m-1")).as("never written").isEmpty();
        assertThat(entries(before, "m-2")).as("never written").isEmpty();
    }

    @Test
    void shouldKeepOneHistoryEntryPerKeyAndDay() {
        final WindowStore<String, History> histories = driver.getWindowStore(FraudCheckTopology.HISTORY_STORE);

        for (int i = 0; i < 3; i++) {
            accept(order("e-" + i, "shop-" + i, "fp_e"), T0.plus(Duration.ofMinutes(i)));
        }
        accept(order("e-3", "shop-a", "fp_e"), T0.plus(Duration.ofDays(1)));

        final List<History> kept = entries(histories, "email:fp_e@example.org");
        assertThat(kept).extracting(History::orders).containsExactly(3, 4);
        assertThat(kept).extracting(History::firstSeenAtMillis).containsOnly(T0.toEpochMilli());
        assertThat(entries(histories, "card:fp_e")).hasSize(2);
    }

    @Test
    void shouldPassACustomerWhoseCardIsDeclinedAndWhoPaysWithASecondCardMinutesLater() {
        final Order first = small(order("d-1", "shop-a", "fp_declined"));
        accept(Order.newBuilder(first).setPayment(PaymentFacts.newBuilder(first.getPayment())
                .setAuthorisation(AuthorisationStatus.DECLINED).build()).build(), T0);
        accept(email(small(order("d-2", "shop-a", "fp_second")), "fp_declined@example.org"), T0.plusSeconds(90));

        assertThat(assessments.readValuesToList()).extracting(FraudAssessment::getDecision)
                .containsExactly(FraudDecision.ACCEPT, FraudDecision.ACCEPT);
    }

    @Test
    void shouldHoldCardTestingOnceAnEmailHasTriedSeveralCardsOrHadSeveralDeclines() {
        for (int c = 0; c < 4; c++) {
            final Order attempt = email(small(order("t-" + c, "shop-a", "fp_test" + c)), "tester@example.org");
            accept(c % 2 == 0 ? Order.newBuilder(attempt).setPayment(PaymentFacts.newBuilder(attempt.getPayment())
                    .setAuthorisation(AuthorisationStatus.DECLINED).build()).build() : attempt, T0.plusSeconds(60L * c));
        }

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored).extracting(FraudAssessment::getDecision).startsWith(FraudDecision.ACCEPT, FraudDecision.ACCEPT);
        assertThat(scored.get(2).getDecision()).isNotEqualTo(FraudDecision.ACCEPT);
        assertThat(scored.get(2).getReasons()).extracting(r -> r.getRuleId()).contains("card-testing", "card-testing-declines");
    }

    @Test
    void shouldHoldAKnownCustomersEmailPayingWithANewCardFromACountryTheCustomerNeverOrderedFrom() {
        accept(order("k-1", "shop-a", "fp_known"), T0);
        accept(order("k-2", "shop-b", "fp_known"), T0.plus(Duration.ofDays(3)));
        final Order takeover = fromIp(card(email(order("k-3", "shop-c", "fp_stolen"), "fp_known@example.org"), "RO"),
                "192.0.2.9", "RO");
        accept(takeover, T0.plus(Duration.ofDays(5)));

        final FraudAssessment scored = assessments.readValuesToList().get(2);
        assertThat(scored.getDecision()).as("same address, usual amount").isNotEqualTo(FraudDecision.ACCEPT);
        assertThat(scored.getReasons()).extracting(r -> r.getRuleId())
                .contains("account-takeover-card-and-ip-country", "account-takeover-foreign-card");
        assertThat(scored.getReasons()).filteredOn(r -> r.getRuleId().equals("account-takeover-foreign-card"))
                .singleElement().satisfies(r -> assertThat(r.getObservedValue()).contains("a card from RO, the customer's were from FR"));
    }

    @Test
    void shouldHoldAKnownCustomersEmailShippingToANewAddressWithANewPhoneButNotANewAddressAlone() {
        final Address home = Address.newBuilder(street("Jo Home", "1 rue Haute")).setPhone("+33 6 12 34 56 78").build();
        accept(shipTo(order("p-1", "shop-a", "fp_phone"), home), T0);
        accept(shipTo(order("p-2", "shop-b", "fp_phone"), Address.newBuilder(home).setLine1("3 rue du Parc").build()),
                T0.plus(Duration.ofDays(2)));
        final Address elsewhere = Address.newBuilder(street("Jo Home", "9 rue Basse")).setPhone("+33 7 99 88 77 66").build();
        accept(shipTo(order("p-3", "shop-b", "fp_phone"), elsewhere), T0.plus(Duration.ofDays(4)));

        final List<FraudAssessment> scored = assessments.readValuesToList();
        assertThat(scored.get(1).getDecision()).as("a new address, the customer's phone").isEqualTo(FraudDecision.ACCEPT);
        assertThat(scored.get(2).getReasons()).extracting(r -> r.getRuleId()).contains("account-takeover-new-contact");
        assertThat(scored.get(2).getDecision()).isEqualTo(FraudDecision.REVIEW);
    }

    @Test
    void shouldRefuseAnUpdateOfAnOrderItBlockedAndAnswerNoneThatChangesNothing() {
        final Order blocked = blockedByList("o-1");
        status.readValuesToList();
        final Order moved = shipTo(blocked, street("Eve Example", "1 other street"));

        update(moved, T0.plusSeconds(30));
        update(moved, T0.plusSeconds(40));
        update(blocked, T0.plusSeconds(50));

        final List<OrderStatusChange> answers = status.readValuesToList();
        assertThat(answers).hasSize(2).allSatisfy(answer -> {
            assertThat(answer.getEventId()).isEqualTo("o-1:update:" + OrderChanges.updateId(moved) + ":REFUSED");
            assertThat(answer.getStatus()).isEqualTo(OrderStatus.BLOCKED);
            assertThat(answer.getReasonCode()).isEqualTo("fraud.update_order_blocked");
            assertThat(answer.getUpdate().getOutcome()).isEqualTo(UpdateOutcome.REFUSED);
            assertThat(answer.getUpdate().getChanges()).containsExactly(OrderChanges.SHIPPING_ADDRESS);
            assertThat(answer.getShopOrderRef()).isEqualTo(blocked.getShopOrderRef());
        });
    }

    @Test
    void shouldRefuseAtTheBlockAnUpdateThatCameWhileTheOrderWasInReview() {
        holdOrderForReview("o-3");
        final Order moved = shipTo(order("o-3", "shop-c", "fp_r"), street("Jo Smith", "9 quai Perrache"));

        update(moved, T0.plusSeconds(200));
        assertThat(status.isEmpty()).as("nobody answers while the order is in review").isTrue();
        decisions.pipeInput("o-3", Fixtures.reviewDecision("o-3", ReviewVerdict.BLOCK), T0.plusSeconds(300));

        assertThat(status.readValuesToList()).satisfiesExactly(
                blockedChange -> assertThat(blockedChange.getEventId()).isEqualTo("o-3:BLOCKED"),
                answer -> {
                    assertThat(answer.getEventId()).isEqualTo("o-3:update:" + OrderChanges.updateId(moved) + ":REFUSED");
                    assertThat(answer.getStatus()).isEqualTo(OrderStatus.BLOCKED);
                    assertThat(answer.getReasonCode()).isEqualTo("fraud.update_order_blocked");
                });
    }

    @Test
    void shouldLeaveAnUpdateOfAClearedOrApprovedOrderToStockReservation() {
        holdOrderForReview("o-3");
        update(shipTo(order("o-3", "shop-c", "fp_r"), street("Jo Smith", "9 quai Perrache")), T0.plusSeconds(200));
        update(shipTo(order("o-1", "shop-a", "fp_r"), street("Jo Smith", "9 quai Perrache")), T0.plusSeconds(200));
        decisions.pipeInput("o-3", Fixtures.reviewDecision("o-3", ReviewVerdict.APPROVE), T0.plusSeconds(300));

        assertThat(statuses()).containsExactly("o-3:CLEARED");
        assertThat(status.isEmpty()).isTrue();
    }

    @Test
    void shouldSendAnOrderWithOneSkuClearedAtOnceToItsSkuAndEveryOtherToItsOrderId() {
        holdOrderForReview("r-1"); // after o-1 and o-2 with the same card
        decisions.pipeInput("r-1", Fixtures.reviewDecision("r-1", ReviewVerdict.APPROVE), T0.plusSeconds(130));
        final List<String> said = new ArrayList<>(where(cleared.readRecordsToList()));
        accept(order("a-1", "shop-a", "fp_1"), T0.plusSeconds(140));
        final OrderLine one = Fixtures.order("x").line("SKU-TEA-01", 1).build().getLines().get(0);
        accept(Order.newBuilder(order("a-2", "shop-a", "fp_2")).setLines(List.of(one, OrderLine.newBuilder(one).setQuantity(2)
                .build())).build(), T0.plusSeconds(140));
        accept(Order.newBuilder(order("a-3", "shop-a", "fp_3")).setLines(Fixtures.order("x").line("SKU-TEA-01", 1)
                .line("SKU-MUG-02", 1).build().getLines()).build(), T0.plusSeconds(140));
        final Order early = order("a-4", "shop-a", "fp_4");
        update(shipTo(early, street("Jo Smith", "9 quai Perrache")), T0.plusSeconds(140));
        accept(early, T0.plusSeconds(140));
        said.addAll(where(cleared.readRecordsToList()));

        assertThat(said).as("at its SKU: one SKU, cleared at once, no update waiting; after a review or an update that came "
                        + "first (its order's owner applies them), or with two SKUs, by order id")
                .containsExactly("r-1:by order id", "a-1:SKU-TEA-01", "a-2:SKU-TEA-01", "a-3:by order id", "a-4:by order id");
    }

    @Test
    void shouldPartitionAnOrderClearedAtItsSkuAsKafkaPartitionsThatSkusStockMovements() {
        final ClearedOrder tea = Fixtures.cleared(Fixtures.order("a-1").line("SKU-TEA-01", 1).line("SKU-TEA-01", 2).build());
        final ClearedOrder mug = Fixtures.cleared(Fixtures.order("a-2").line("SKU-MUG-02", 1).build());
        for (final ClearedOrder order : List.of(tea, mug)) {
            final String sku = order.getOrder().getLines().get(0).getSku();
            assertThat(ClearedOrderPartitions.bySku().partitions("orders.cleared", order.getOrder().getOrderId(), order, 6))
                    .as("where a producer puts stock.movements keyed " + sku)
                    .contains(Set.of(BuiltInPartitioner.partitionForKey(sku.getBytes(StandardCharsets.UTF_8), 6)));
        }
        assertThat(ClearedOrderPartitions.bySku().partitions("orders.cleared", "a-1", tea, 6))
                .isNotEqualTo(ClearedOrderPartitions.bySku().partitions("orders.cleared", "a-2", mug, 6));
        final ClearedOrder two = Fixtures.cleared(Fixtures.order("a-3").line("SKU-TEA-01", 1).line("SKU-MUG-02", 1).build());
        assertThatThrownBy(() -> ClearedOrderPartitions.bySku().partitions("orders.cleared", "a-3", two, 6))
                .hasMessageContaining("more than one SKU");
    }

    private static List<String> where(final List<TestRecord<String, ClearedOrder>> records) {
        return records.stream().map(r -> r.key() + ":" + ClearedOrderPartitions.atSkuOf(r.headers()).orElse("by order id")).toList();
    }

    @Test
    void shouldRefuseAnUpdateThatOvertookItsOrderWhenTheOrderIsBlocked() {
        lists.pipeInput(new FraudListKey(FraudListEntryType.EMAIL_DOMAIN, "fraud.example"),
                Fixtures.fraudListEntry(FraudListEntryType.EMAIL_DOMAIN, "fraud.example", FraudListAction.BLOCK), T0);
        final Order order = email(order("o-1", "shop-a", "fp_x"), "eve@fraud.example");
        final Order moved = shipTo(order, street("Eve Example", "1 other street"));

        update(moved, T0);
        update(order, T0);
        assertThat(status.isEmpty()).isTrue();
        accept(order, T0.plusSeconds(1));

        assertThat(status.readValuesToList()).extracting(OrderStatusChange::getEventId)
                .containsExactly("o-1:BLOCKED", "o-1:update:" + OrderChanges.updateId(moved) + ":REFUSED");
    }

    /** An order blocked at once by the block list (its e-mail's domain). */
    private Order blockedByList(final String orderId) {
        lists.pipeInput(new FraudListKey(FraudListEntryType.EMAIL_DOMAIN, "fraud.example"),
                Fixtures.fraudListEntry(FraudListEntryType.EMAIL_DOMAIN, "fraud.example", FraudListAction.BLOCK), T0);
        final Order order = email(order(orderId, "shop-a", "fp_x"), "eve@fraud.example");
        accept(order, T0);
        assertThat(status.readValuesToList()).extracting(s -> s.getEventId()).containsExactly(orderId + ":BLOCKED");
        return Order.newBuilder(order).setAcceptedAt(T0).build();
    }

    /** The shop's later version of an order, as order-intake puts it on orders.updates. */
    private void update(final Order version, final Instant at) {
        updates.pipeInput(version.getOrderId(), OrderUpdate.newBuilder().setUpdateId(OrderChanges.updateId(version)).setOrder(version)
                .setRequestedAt(at).build(), at);
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

    private static Order shipTo(final Order order, final Address address) {
        return Order.newBuilder(order).setShippingAddress(address).setBillingAddress(address).build();
    }

    private static Order billedTo(final Order order, final Address billing) {
        return Order.newBuilder(order).setBillingAddress(billing).build();
    }

    private static Address street(final String name, final String line1) {
        return Address.newBuilder(Fixtures.address(name, "FR")).setLine1(line1).build();
    }

    private static Order named(final Order order, final String first, final String last) {
        return Order.newBuilder(order).setCustomer(Customer.newBuilder(order.getCustomer()).setFirstName(first).setLastName(last).build())
                .build();
    }

    private static Order email(final Order order, final String email) {
        return Order.newBuilder(order).setCustomer(Customer.newBuilder(order.getCustomer()).setEmail(email).build()).build();
    }

    private static Order fromIp(final Order order, final String ip, final String country) {
        return Order.newBuilder(order).setPayment(PaymentFacts.newBuilder(order.getPayment()).setClientIp(ip).setClientIpCountry(country)
                .build()).build();
    }

    private static Order withBin(final Order order, final String bin) {
        return Order.newBuilder(order).setPayment(PaymentFacts.newBuilder(order.getPayment()).setCardBin(bin).build()).build();
    }

    private static Order card(final Order order, final String country) {
        return Order.newBuilder(order).setPayment(PaymentFacts.newBuilder(order.getPayment()).setCardCountry(country).build()).build();
    }

    private static Order withoutThreeDs(final Order order) {
        return Order.newBuilder(order).setPayment(PaymentFacts.newBuilder(order.getPayment())
                .setThreeDSecure(ThreeDSecureResult.NOT_PERFORMED).build()).build();
    }

    /** The order's only line at 4.10, 9.00 with shipping: a small amount. */
    private static Order small(final Order order) {
        final OrderLine line = OrderLine.newBuilder(order.getLines().get(0)).setUnitPrice(Fixtures.eur(410)).build();
        return Order.newBuilder(order).setLines(List.of(line)).setTotal(Fixtures.eur(410 + order.getShippingCost().getAmountMinor()))
                .build();
    }

    private static <V> List<V> entries(final WindowStore<String, V> store, final String key) {
        final List<V> values = new ArrayList<>();
        try (WindowStoreIterator<V> all = store.fetch(key, T0.minus(Duration.ofDays(400)), T0.plus(Duration.ofDays(400)))) {
            all.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
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
