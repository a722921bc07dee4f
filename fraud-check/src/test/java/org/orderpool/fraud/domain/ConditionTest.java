package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {

    private static final RiskRules RULES = RiskRules.defaults();
    private static final long NOW = 1_800_000_000_000L;
    private static final History MONTH_OLD = new History(NOW - Duration.ofDays(30).toMillis(), NOW - 60_000, 3, 4_000);
    private static final History MINUTES_OLD = new History(NOW - Duration.ofMinutes(20).toMillis(), NOW - 60_000, 1, 4_000);

    @Test
    void shouldSeeNoThreeDsOnlyOnACardPayment() {
        assertThat(Condition.NO_3DS.seen(order("US", "NG", "FR", false, 4_500), known(), RULES)).contains("no 3-D Secure");
        assertThat(Condition.NO_3DS.seen(order("FR", "FR", "FR", true, 4_500), known(), RULES)).isEmpty();
        assertThat(Condition.NO_3DS.seen(withoutCard(), known(), RULES)).as("not a card payment").isEmpty();
    }

    @Test
    void shouldCallACardEmailOrAddressNewWhenThePoolFirstSawItLessThanNewWithinAgoOrNever() {
        final OrderFacts order = order("FR", "FR", "FR", true, 4_500);
        final RiskSignals signals = signals(MONTH_OLD, MINUTES_OLD, History.NONE);

        assertThat(Condition.NEW_EMAIL.seen(order, signals, RULES)).isEmpty();
        assertThat(Condition.KNOWN_EMAIL.seen(order, signals, RULES)).contains("e-mail known for 30 days, 3 orders");
        assertThat(Condition.NEW_CARD.seen(order, signals, RULES)).contains("card first seen 20 min ago");
        assertThat(Condition.NEW_ADDRESS.seen(order, signals, RULES)).contains("address new to the pool");
        assertThat(Condition.KNOWN_EMAIL.seen(order, signals(History.NONE, MONTH_OLD, MONTH_OLD), RULES)).isEmpty();
        assertThat(Condition.NEW_CARD.seen(withoutCard(), signals(MONTH_OLD, History.NONE, MONTH_OLD), RULES))
                .as("no card is no new card").isEmpty();
    }

    @Test
    void shouldSeeWhichCountriesDisagree() {
        final OrderFacts twoOtherCountries = order("US", "NG", "FR", false, 4_500);

        assertThat(Condition.CARD_ABROAD.seen(twoOtherCountries, known(), RULES)).contains("card US vs shipping FR");
        assertThat(Condition.IP_ABROAD.seen(twoOtherCountries, known(), RULES)).contains("IP NG vs shipping FR");
        assertThat(Condition.CARD_IP_DIFFER.seen(twoOtherCountries, known(), RULES)).contains("card US vs IP NG");
        assertThat(Condition.CARD_IP_DIFFER.seen(order("US", "US", "FR", false, 4_500), known(), RULES)).isEmpty();
        assertThat(Condition.IP_ABROAD.seen(order("FR", null, "FR", false, 4_500), known(), RULES)).as("no IP country").isEmpty();
    }

    @Test
    void shouldWeighABasketAgainstTheShopsOrAnAbsoluteAmountWhileTheShopIsNew() {
        final RiskSignals shopKnown = known();
        final RiskSignals shopNew = RiskSignals.firstOrder(NOW, 4_000, 3).withHistories(MONTH_OLD, MONTH_OLD, MONTH_OLD);

        assertThat(Condition.LARGE_BASKET.seen(order("FR", "FR", "FR", true, 12_000), shopKnown, RULES))
                .contains("3x the shop's usual basket");
        assertThat(Condition.LARGE_BASKET.seen(order("FR", "FR", "FR", true, 11_999), shopKnown, RULES)).isEmpty();
        assertThat(Condition.LARGE_BASKET.seen(order("FR", "FR", "FR", true, 12_000), shopNew, RULES)).isEmpty();
        assertThat(Condition.LARGE_BASKET.seen(order("FR", "FR", "FR", true, 30_000), shopNew, RULES))
                .contains("300.00 EUR (the shop's usual basket is not known yet)");
    }

    @Test
    void shouldSeeASmallAmount() {
        assertThat(Condition.SMALL_AMOUNT.seen(order("FR", "FR", "FR", true, 1_000), known(), RULES))
                .contains("a small amount, 10.00 EUR");
        assertThat(Condition.SMALL_AMOUNT.seen(order("FR", "FR", "FR", true, 1_001), known(), RULES)).isEmpty();
    }

    @Test
    void shouldBeNamedInConfigurationInLowerCaseWithHyphens() {
        assertThat(Condition.byConfigName("card-ip-differ")).contains(Condition.CARD_IP_DIFFER);
        assertThat(Condition.byConfigName("CARD_IP_DIFFER")).isEmpty();
    }

    private static RiskSignals known() {
        return signals(MONTH_OLD, MONTH_OLD, MONTH_OLD);
    }

    private static RiskSignals signals(final History email, final History card, final History address) {
        return RiskSignals.firstOrder(NOW, 4_000, 50).withHistories(email, card, address);
    }

    private static OrderFacts order(final String cardCountry, final String ipCountry, final String shipTo, final boolean threeDs,
                                    final long total) {
        return new OrderFacts("o-1", "shop-a", "jo@example.com", List.of("jo smith"), "fp_1", "497010", cardCountry, "198.51.100.7",
                ipCountry, shipTo, "x|69003|12 rue des lilas", threeDs, total, "EUR");
    }

    private static OrderFacts withoutCard() {
        return new OrderFacts("o-1", "shop-a", "jo@example.com", List.of("jo smith"), null, null, null, "198.51.100.7", "FR", "FR",
                "fr|69003|12 rue des lilas", false, 4_500, "EUR");
    }
}
