package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisputedBeforeTest {

    private static final RiskRules RULES = RiskRules.defaults();
    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = 86_400_000L;
    private final RiskScorer scorer = new RiskScorer();

    @Test
    void shouldSendAnOrderOfACardThatDisputedAtAnotherShopToReviewAndSayWhatItSaw() {
        final Assessment assessment = scorer.assess(order(), quiet().withDisputes(List.of(
                mark("shop-b:d-1", Trait.CARD, "shop-b", 34, "chargeback", "fraudulent"))), RULES, List.of());

        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.REVIEW);
        assertThat(assessment.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.ruleId()).isEqualTo(RiskRules.DISPUTED_BEFORE);
            assertThat(reason.weight()).isEqualTo(RULES.disputes().weight());
            assertThat(reason.observed()).isEqualTo("card disputed a payment 34 days ago (chargeback, fraudulent) at another shop");
            assertThat(reason.observed() + reason.description()).doesNotContain("fp_1");
        });
    }

    @Test
    void shouldNameEveryIdentityOfTheLatestDisputeAndCountEachDisputeOnce() {
        final Assessment assessment = scorer.assess(order(), quiet().withDisputes(List.of(
                mark("shop-a:d-2", Trait.EMAIL, "shop-a", 3, "inquiry", "product_not_received"),
                mark("shop-a:d-2", Trait.ADDRESS, "shop-a", 3, "inquiry", "product_not_received"),
                mark("shop-a:d-2", Trait.CARD, "shop-a", 3, "inquiry", "product_not_received"),
                mark("shop-b:d-1", Trait.CARD, "shop-b", 200, "chargeback", "unrecognized"))), RULES, List.of());

        assertThat(assessment.reasons()).singleElement().extracting(Assessment.Reason::observed)
                .isEqualTo("card, e-mail and shipping address disputed a payment 3 days ago (inquiry, product_not_received) at this shop; "
                        + "2 disputes in 365 days");
    }

    @Test
    void shouldNotCountADisputeOutsideTheWindowOrOfAKindOrReasonTheRuleLeavesOut() {
        final RiskSignals signals = quiet().withDisputes(List.of(
                mark("shop-b:d-1", Trait.CARD, "shop-b", 366, "chargeback", "fraudulent"),
                mark("shop-b:d-2", Trait.CARD, "shop-b", 10, "chargeback", "duplicate"),
                mark("shop-b:d-3", Trait.CARD, "shop-b", 10, "unknown", "fraudulent")));

        final Assessment assessment = scorer.assess(order(), signals, RULES, List.of());

        assertThat(assessment.reasons()).isEmpty();
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.ACCEPT);
    }

    @Test
    void shouldFollowTheConfiguredWeightWindowAndReasons() {
        final RiskRules narrow = new RiskRules(RULES.reviewAt(), RULES.blockAt(), RULES.counts(), RULES.shopBasket(),
                RULES.customerAmount(), RULES.countryMismatchWeight(), RULES.noThreeDs(), RULES.disposableEmail(),
                RULES.firstSeenHighAmount(), RULES.conditions(), RULES.combinations(),
                new RiskRules.Disputes(20, Duration.ofDays(30), Set.of("chargeback"), Set.of("product_not_received")), "test");
        final RiskSignals signals = quiet().withDisputes(List.of(mark("shop-b:d-1", Trait.CARD, "shop-b", 29, "chargeback",
                "product_not_received"), mark("shop-b:d-2", Trait.CARD, "shop-b", 5, "chargeback", "fraudulent")));

        final Assessment assessment = scorer.assess(order(), signals, narrow, List.of());

        assertThat(assessment.score()).isEqualTo(20);
        assertThat(assessment.decision()).isEqualTo(Assessment.Decision.ACCEPT);
        assertThat(assessment.reasons()).singleElement().extracting(Assessment.Reason::observed).asString().contains("29 days ago");
    }

    @Test
    void shouldNotBlockOnADisputeAloneByDefault() {
        assertThat(RULES.disputes().weight()).isGreaterThanOrEqualTo(RULES.reviewAt()).isLessThan(RULES.blockAt());
        assertThat(RULES.version()).isEqualTo("2026-12-02.4");
    }

    @Test
    void shouldNeverCountADisputeTowardABlockEvenWhenItsWeightReachesTheBlockThreshold() {
        final RiskRules strictShop = RULES.withThresholds(30, 45);
        final RiskSignals signals = quiet().withDisputes(List.of(mark("shop-b:d-1", Trait.CARD, "shop-b", 34, "chargeback", "fraudulent")));

        final Assessment assessment = scorer.assess(order(), signals, strictShop, List.of());

        assertThat(assessment.score()).as("the dispute's weight is in the score").isEqualTo(RULES.disputes().weight())
                .isGreaterThanOrEqualTo(strictShop.blockAt());
        assertThat(assessment.decision()).as("but it only sends the order to review").isEqualTo(Assessment.Decision.REVIEW);
    }

    private static DisputeMark mark(final String disputeId, final Trait identity, final String shopId, final long daysAgo,
                                    final String kind, final String reason) {
        return new DisputeMark(disputeId, "o-0", shopId, identity, NOW - daysAgo * DAY, kind, reason);
    }

    private static OrderFacts order() {
        return new OrderFacts("o-1", "shop-a", "camille@example.org", List.of("camille martin"), "fp_1", "497010", "FR", "203.0.113.7",
                "FR", "FR", "fr|69003|12 rue des lilas", true, 4_500, "EUR");
    }

    private static RiskSignals quiet() {
        final History known = new History(NOW - 30 * DAY, NOW - DAY, 3, 4_500);
        return RiskSignals.firstOrder(NOW, 4_000, 50).withHistories(known, known, known);
    }
}
