package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

    private static final RiskRules RULES = RiskRules.defaults();
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
        final RiskSignals cardTesting = new RiskSignals(3, 3, 0, 1, 1, 1, 1, 1, 3, 4_000, 50, false);

        final Assessment assessment = scorer.assess(order(4_500), cardTesting, RULES, List.of());

        assertThat(assessment.reasons()).extracting(Assessment.Reason::ruleId)
                .containsExactly("shops-per-card-24h", "card-velocity-1h");
        assertThat(assessment.score()).isEqualTo(55);
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.REVIEW);
    }

    @Test
    void shouldNotCountBelowALimit() {
        final RiskSignals justBelow = new RiskSignals(2, 5, 1, 3, 4, 3, 2, 2, 2, 4_000, 50, false);

        assertThat(scorer.assess(order(4_500), justBelow, RULES, List.of()).reasons()).isEmpty();
    }

    @Test
    void shouldBlockCardTestingWithManyCardsAndDeclines() {
        final RiskSignals testing = new RiskSignals(4, 7, 3, 4, 5, 1, 4, 1, 1, 4_000, 50, false);

        final Assessment assessment = scorer.assess(order(4_500), testing, RULES, List.of());

        assertThat(assessment.score()).isEqualTo(100);
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.BLOCK);
        assertThat(assessment.reasons().get(0).ruleId()).isEqualTo("cards-per-email-24h");
    }

    @Test
    void shouldWeighAnAmountAgainstTheShopsUsualBasketOnceItIsKnown() {
        assertThat(scorer.assess(order(25_000), new RiskSignals(1, 1, 0, 1, 1, 1, 1, 1, 1, 4_000, 50, false), RULES, List.of())
                .reasons()).extracting(Assessment.Reason::ruleId).contains("amount-vs-shop-basket");
        assertThat(scorer.assess(order(25_000), new RiskSignals(1, 1, 0, 1, 1, 1, 1, 1, 1, 4_000, 5, false), RULES, List.of())
                .reasons()).as("too few orders to know the shop's basket").extracting(Assessment.Reason::ruleId)
                .doesNotContain("amount-vs-shop-basket");
    }

    @Test
    void shouldNoticeCountriesThatDisagreeAndNoThreeDsOnALargeAmount() {
        final OrderFacts abroad = new OrderFacts("o-1", "shop-a", "jo@example.com", "fp_1", "497010", "US", "198.51.100.7", "NG", "FR",
                "fr|69003|12 rue des lilas", false, 20_000, "EUR");

        final RiskSignals usualBasket100Euros = new RiskSignals(1, 1, 0, 1, 1, 1, 1, 1, 1, 10_000, 50, false);
        final Assessment assessment = scorer.assess(abroad, usualBasket100Euros, RULES, List.of());

        assertThat(assessment.reasons()).extracting(Assessment.Reason::ruleId).containsExactlyInAnyOrder("country-mismatch", "no-3ds-high-amount");
        assertThat(assessment.reasons()).filteredOn(r -> r.ruleId().equals("country-mismatch")).singleElement()
                .extracting(Assessment.Reason::observed).isEqualTo("card US, IP NG vs shipping FR");
    }

    @Test
    void shouldFlagDisposableEmailsAndFirstSeenCustomersWithHighAmounts() {
        final OrderFacts disposable = new OrderFacts("o-1", "shop-a", "x@mailinator.com", "fp_1", "497010", "FR", null, null, "FR",
                "fr|69003|12 rue des lilas", true, 35_000, "EUR");

        assertThat(scorer.assess(disposable, RiskSignals.firstOrder(4_000, 50), RULES, List.of()).reasons())
                .extracting(Assessment.Reason::ruleId).contains("disposable-email", "first-seen-high-amount", "amount-vs-shop-basket");
    }

    @Test
    void shouldBlockOnABlockListEntryAndSkipReviewOnAnAllowEntry() {
        final RiskSignals suspicious = new RiskSignals(3, 3, 0, 1, 1, 1, 1, 1, 3, 4_000, 50, false);
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
        final RiskSignals suspicious = new RiskSignals(3, 3, 0, 1, 1, 1, 1, 1, 3, 4_000, 50, false);

        assertThat(scorer.assess(order(4_500), suspicious, RULES.withThresholds(70, 95), List.of()).decision())
                .isEqualTo(Assessment.Decision.ACCEPT);
    }

    private static OrderFacts order(final long totalMinor) {
        return new OrderFacts("o-1", "shop-a", "camille@example.org", "fp_1", "497010", "FR", "203.0.113.7", "FR", "FR",
                "fr|69003|12 rue des lilas", true, totalMinor, "EUR");
    }

    private static RiskSignals quiet() {
        return new RiskSignals(1, 1, 0, 1, 1, 1, 1, 1, 1, 4_000, 50, false);
    }
}
