package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

    private static final RiskRules RULES = RiskRules.defaults();
    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = 86_400_000L;
    private final RiskScorer scorer = new RiskScorer();

    @Test
    void shouldAcceptAnOrdinaryOrderWithNoReasons() {
        final Assessment assessment = scorer.assess(order(4_500), quiet(), RULES, List.of());

        assertThat(assessment.score()).isZero();
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.ACCEPT);
        assertThat(assessment.reasons()).isEmpty();
        assertThat(assessment.rulesVersion()).isEqualTo(RULES.version());
    }

    @Test
    void shouldCountACardUsedAcrossShopsOfThePool() {
        final RiskSignals cardTesting = quiet().withCount("card-velocity-1h", 3).withCount("card-velocity-24h", 3)
                .withCount("shops-per-card-24h", 3);

        final Assessment assessment = scorer.assess(order(4_500), cardTesting, RULES, List.of());

        assertThat(assessment.reasons()).extracting(Assessment.Reason::ruleId)
                .containsExactly("shops-per-card-24h", "card-velocity-1h");
        assertThat(assessment.score()).isEqualTo(55);
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.REVIEW);
    }

    @Test
    void shouldNotCountBelowALimit() {
        RiskSignals justBelow = quiet();
        for (final CountRule rule : RULES.counts()) {
            justBelow = justBelow.withCount(rule.id(), rule.atLeast() - 1);
        }

        assertThat(scorer.assess(order(4_500), justBelow, RULES, List.of()).reasons()).isEmpty();
    }

    @Test
    void shouldBlockCardTestingWithManyCardsAndDeclines() {
        final RiskSignals testing = quiet().withCount("card-velocity-1h", 4).withCount("card-velocity-24h", 7)
                .withCount("card-declines-24h", 3).withCount("email-velocity-1h", 4).withCount("ip-velocity-1h", 5)
                .withCount("cards-per-email-24h", 4);

        final Assessment assessment = scorer.assess(order(4_500), testing, RULES, List.of());

        assertThat(assessment.score()).isEqualTo(100);
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.BLOCK);
        assertThat(assessment.reasons().get(0).ruleId()).isEqualTo("cards-per-email-24h");
    }

    @Test
    void shouldAddOnlyTheHeaviestCombinationOfAGroupAndListTheOthersAtZero() {
        final RiskRules grouped = new RiskRules(50, 85, List.of(), RULES.shopBasket(), RULES.customerAmount(), 0, RULES.noThreeDs(),
                RULES.disposableEmail(), RULES.firstSeenHighAmount(), RULES.conditions(),
                List.of(new Combination("takeover-a", 35, List.of("no-3ds"), "takeover"),
                        new Combination("takeover-b", 50, List.of("card-abroad"), "takeover"),
                        new Combination("alone", 10, List.of("no-3ds"))), RULES.disputes(), "test");
        final OrderFacts order = new OrderFacts("o-1", "shop-a", "jo@example.com", List.of("jo smith"), "fp_1", "497010", "US",
                "198.51.100.7", "FR", "FR", "fr|1", false, 4_500, "EUR");

        final Assessment assessment = scorer.assess(order, quiet(), grouped, List.of());

        assertThat(assessment.score()).as("50 of the group, 10 alone").isEqualTo(60);
        assertThat(assessment.reasons()).extracting(Assessment.Reason::ruleId, Assessment.Reason::weight)
                .containsExactly(Tuple.tuple("takeover-b", 50), Tuple.tuple("alone", 10),
                        Tuple.tuple("takeover-a", 0));
        assertThat(assessment.reasons().get(2).description()).contains("group takeover counts once: takeover-b added 50");
    }

    @Test
    void shouldWeighAnAmountAgainstTheShopsUsualBasketOnceItIsKnown() {
        assertThat(scorer.assess(order(25_000), quiet(4_000, 50), RULES, List.of())
                .reasons()).extracting(Assessment.Reason::ruleId).contains("amount-vs-shop-basket");
        assertThat(scorer.assess(order(25_000), quiet(4_000, 5), RULES, List.of())
                .reasons()).as("too few orders to know the shop's basket").extracting(Assessment.Reason::ruleId)
                .doesNotContain("amount-vs-shop-basket");
    }

    @Test
    void shouldNoticeCountriesThatDisagreeAndNoThreeDsOnALargeAmount() {
        final OrderFacts abroad = new OrderFacts("o-1", "shop-a", "jo@example.com", List.of("jo smith"), "fp_1", "497010", "US", "198.51.100.7",
                "NG", "FR", "fr|69003|12 rue des lilas", false, 20_000, "EUR");

        final History spends100Euros = new History(NOW - 30 * DAY, NOW - DAY, 4, 10_000);
        final RiskSignals usualBasket100Euros = quiet(10_000, 50).withHistories(spends100Euros, spends100Euros, spends100Euros);
        final Assessment assessment = scorer.assess(abroad, usualBasket100Euros, RULES, List.of());

        assertThat(assessment.reasons()).extracting(Assessment.Reason::ruleId).containsExactlyInAnyOrder("country-mismatch", "no-3ds-high-amount");
        assertThat(assessment.reasons()).filteredOn(r -> r.ruleId().equals("country-mismatch")).singleElement()
                .extracting(Assessment.Reason::observed).isEqualTo("card US, IP NG vs shipping FR");
    }

    @Test
    void shouldHoldAFirstOrderWithoutThreeDsWhoseCardAndIpComeFromTwoOtherCountries() {
        final OrderFacts firstOrder = new OrderFacts("o-1", "shop-a", "new@example.com", List.of("al brown"), "fp_new", "414720", "US",
                "198.51.100.9", "NG", "FR", "fr|69003|12 rue des lilas", false, 9_000, "EUR");

        final Assessment assessment = scorer.assess(firstOrder, RiskSignals.firstOrder(NOW, 4_000, 50), RULES, List.of());

        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.REVIEW);
        assertThat(assessment.reasons()).extracting(Assessment.Reason::ruleId)
                .containsExactly("first-order-abroad-no-3ds", "country-mismatch");
        assertThat(assessment.reasons().get(0).observed()).isEqualTo("no 3-D Secure; e-mail new to the pool; card new to the pool; "
                + "card US vs shipping FR; IP NG vs shipping FR; card US vs IP NG");
        assertThat(assessment.reasons().get(0).description())
                .isEqualTo("all of: no-3ds, new-email, new-card, card-abroad, ip-abroad, card-ip-differ");
    }

    @Test
    void shouldNotFireACombinationWhenOnePartDoesNotHold() {
        final OrderFacts withThreeDs = new OrderFacts("o-1", "shop-a", "new@example.com", List.of("al brown"), "fp_new", "414720", "US",
                "198.51.100.9", "NG", "FR", "fr|69003|12 rue des lilas", true, 9_000, "EUR");

        assertThat(scorer.assess(withThreeDs, RiskSignals.firstOrder(NOW, 4_000, 50), RULES, List.of()).reasons())
                .extracting(Assessment.Reason::ruleId).containsExactly("country-mismatch");
    }

    @Test
    void shouldLetACombinationRequireARuleOfWeightZeroThatIsNotListedOnItsOwn() {
        final RiskSignals dropping = RiskSignals.firstOrder(NOW, 4_000, 50).withCount("cards-per-address-30m", 2)
                .withCount("names-per-address-30m", 2);

        final Assessment assessment = scorer.assess(order(4_500), dropping, RULES, List.of());

        assertThat(assessment.reasons()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("reshipping-drop");
            assertThat(r.weight()).isEqualTo(50);
            assertThat(r.observed()).isEqualTo("2 different cards shipping to this address in 30 min; 2 different cardholder names "
                    + "shipping to this address in 30 min; address new to the pool");
        });
        assertThat(scorer.assess(order(4_500), dropping.withHistories(History.NONE, History.NONE, new History(NOW - 7 * DAY,
                NOW - DAY, 5, 4_000)), RULES, List.of()).reasons()).as("an address the pool has known for a week").isEmpty();
    }

    @Test
    void shouldAddEveryCombinationThatHoldsBesideTheRulesItRequires() {
        final RiskSignals binAttack = RiskSignals.firstOrder(NOW, 4_000, 50).withCount("bin-cards-per-ip-1h", 3)
                .withCount("two-bin-cards-per-ip-1h", 3);
        final OrderFacts small = new OrderFacts("o-1", "shop-a", "x1@example.com", List.of("al brown"), "fp_x1", "414720", "FR",
                "198.51.100.9", "VN", "FR", "fr|69003|12 rue des lilas", false, 900, "EUR");

        final Assessment assessment = scorer.assess(small, binAttack, RULES, List.of());

        assertThat(assessment.reasons()).extracting(Assessment.Reason::ruleId)
                .containsExactly("bin-attack", "bin-attack-abroad", "bin-cards-per-ip-1h", "country-mismatch");
        assertThat(assessment.score()).isEqualTo(100);
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.BLOCK);
    }

    @Test
    void shouldWeighAnAmountAgainstTheCustomersOwnHistory() {
        final History spends30 = new History(NOW - 60 * DAY, NOW - DAY, 4, 3_000);

        final Assessment assessment = scorer.assess(order(12_000), quiet(20_000, 50).withHistories(spends30, spends30, spends30), RULES,
                List.of());

        assertThat(assessment.reasons()).singleElement().satisfies(r -> {
            assertThat(r.ruleId()).isEqualTo("amount-vs-customer-history");
            assertThat(r.observed()).isEqualTo("4x the customer's usual 30.00 EUR");
        });
        final History once = new History(NOW - 60 * DAY, NOW - 60 * DAY, 1, 3_000);
        assertThat(scorer.assess(order(12_000), quiet(20_000, 50).withHistories(once, once, once), RULES, List.of()).reasons())
                .as("one earlier order is not a history yet").isEmpty();
    }

    @Test
    void shouldNotWeighALoyalBigSpenderAgainstTheShopsBasket() {
        final History bigSpender = new History(NOW - 90 * DAY, NOW - 5 * DAY, 8, 40_000);
        final History newcomer = History.NONE;

        assertThat(scorer.assess(order(50_000), quiet(4_000, 50).withHistories(bigSpender, bigSpender, bigSpender), RULES, List.of())
                .reasons()).isEmpty();
        assertThat(scorer.assess(order(50_000), quiet(4_000, 50).withHistories(newcomer, bigSpender, bigSpender), RULES, List.of())
                .reasons()).extracting(Assessment.Reason::ruleId).contains("amount-vs-shop-basket", "first-seen-high-amount");
    }

    @Test
    void shouldSayWhenACountReachedWhatThePoolViewReads() {
        final Assessment assessment = scorer.assess(order(4_500), quiet().withCount("ip-velocity-1h", PoolView.READ_LIMIT), RULES,
                List.of());

        assertThat(assessment.reasons()).singleElement().extracting(Assessment.Reason::observed)
                .isEqualTo("50 or more orders from this IP in 1 h");
    }

    @Test
    void shouldFlagDisposableEmailsAndFirstSeenCustomersWithHighAmounts() {
        final OrderFacts disposable = new OrderFacts("o-1", "shop-a", "x@mailinator.com", List.of("x y"), "fp_1", "497010", "FR", null, null,
                "FR", "fr|69003|12 rue des lilas", true, 35_000, "EUR");

        assertThat(scorer.assess(disposable, RiskSignals.firstOrder(NOW, 4_000, 50), RULES, List.of()).reasons())
                .extracting(Assessment.Reason::ruleId).contains("disposable-email", "first-seen-high-amount", "amount-vs-shop-basket");
    }

    @Test
    void shouldBlockOnABlockListEntryAndSkipReviewOnAnAllowEntry() {
        final RiskSignals suspicious = quiet().withCount("card-velocity-1h", 3).withCount("shops-per-card-24h", 3);
        final ListEntry allow = new ListEntry(ListEntry.Kind.ALLOW, "EMAIL", "camille@example.org", "VIP customer");
        final ListEntry block = new ListEntry(ListEntry.Kind.BLOCK, "BIN", "497010", "chargebacks from this BIN");

        assertThat(scorer.assess(order(4_500), suspicious, RULES, List.of(allow)).decision()).isEqualTo(Assessment.Decision.ACCEPT);
        assertThat(scorer.assess(order(4_500), quiet(), RULES, List.of(block))).satisfies(a -> {
            assertThat(a.decision()).isEqualTo(Assessment.Decision.BLOCK);
            assertThat(a.listMatch()).contains(block);
        });
        assertThat(scorer.assess(order(4_500), quiet(), RULES, List.of(allow, block)).decision()).as("block wins")
                .isEqualTo(Assessment.Decision.BLOCK);
    }

    @Test
    void shouldApplyAShopsOwnThresholds() {
        final RiskSignals suspicious = quiet().withCount("card-velocity-1h", 3).withCount("shops-per-card-24h", 3);

        assertThat(scorer.assess(order(4_500), suspicious, RULES.withThresholds(70, 95), List.of()).decision())
                .isEqualTo(Assessment.Decision.ACCEPT);
    }

    private static OrderFacts order(final long totalMinor) {
        return new OrderFacts("o-1", "shop-a", "camille@example.org", List.of("camille martin"), "fp_1", "497010", "FR", "203.0.113.7", "FR",
                "FR", "fr|69003|12 rue des lilas", true, totalMinor, "EUR");
    }

    /** A shop with a known basket of 40.00, and a customer, card and address the pool has known for a month. */
    private static RiskSignals quiet() {
        return quiet(4_000, 50);
    }

    private static RiskSignals quiet(final long usualBasket, final int basketSamples) {
        final History known = new History(NOW - 30 * DAY, NOW - DAY, 3, 4_500);
        return RiskSignals.firstOrder(NOW, usualBasket, basketSamples).withHistories(known, known, known);
    }
}
