package org.orderpool.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolViewTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final OrderFacts ORDER = new OrderFacts("o-4", "shop-a", "a@x.org", List.of("a"), "fp", "497010", "FR", "203.0.113.7",
            "FR", "FR", "fr|69003|12 rue des lilas", true, 4_500, "EUR");

    @Test
    void shouldCountInsideEachWindowAndNotOutside() {
        final List<Observation> byCard = List.of(
                new Observation("o-1", NOW - 30 * MINUTE, "shop-a", "fp", "497010", "a@x.org", List.of("a"), false),
                new Observation("o-2", NOW - 90 * MINUTE, "shop-b", "fp", "497010", "b@x.org", List.of("b"), true),
                new Observation("o-3", NOW - 25 * 60 * MINUTE, "shop-c", "fp", "497010", "c@x.org", List.of("c"), true),
                new Observation("o-4", NOW, "shop-a", "fp", "497010", "a@x.org", List.of("a"), false));

        assertThat(count(Signal.ORDERS_PER_CARD, PoolView.HOUR, byCard)).isEqualTo(2);
        assertThat(count(Signal.ORDERS_PER_CARD, PoolView.DAY, byCard)).as("o-3 is older than 24 h").isEqualTo(3);
        assertThat(count(Signal.DECLINES_PER_CARD, PoolView.DAY, byCard)).isEqualTo(1);
        assertThat(count(Signal.EMAILS_PER_CARD, PoolView.DAY, byCard)).isEqualTo(2);
        assertThat(count(Signal.SHOPS_PER_CARD, PoolView.DAY, byCard)).isEqualTo(2);
    }

    @Test
    void shouldCountTheDifferentCardsSeenWithAnEmailAnIpAnAddressOrABin() {
        final List<Observation> seen = List.of(
                seen("o-1", 50, "fp-1", "411111"), seen("o-2", 20, "fp-2", "411111"), seen("o-3", 10, "fp-2", "411111"),
                seen("o-4", 0, "fp-3", "522222"), seen("o-5", 5, null, null));

        for (final Signal signal : List.of(Signal.CARDS_PER_EMAIL, Signal.CARDS_PER_IP, Signal.CARDS_PER_ADDRESS, Signal.CARDS_PER_BIN)) {
            assertThat(count(signal, PoolView.HOUR, seen)).as(signal + ": fp-2 twice counts once; no card counts none").isEqualTo(3);
            assertThat(count(signal, HALF_HOUR, seen)).as(signal + " in 30 min").isEqualTo(2);
        }
    }

    @Test
    void shouldCountOnlyTheCardsOfTheOrdersOwnBinFromAnIp() {
        final List<Observation> fromIp = List.of(
                seen("o-1", 40, "fp-1", "497010"), seen("o-2", 30, "fp-2", "497010"), seen("o-3", 20, "fp-3", "522222"),
                seen("o-4", 90, "fp-4", "497010"));

        assertThat(count(Signal.BIN_CARDS_PER_IP, PoolView.HOUR, fromIp)).as("fp-3 is another BIN, fp-4 older than 1 h").isEqualTo(2);
        assertThat(count(Signal.CARDS_PER_IP, PoolView.HOUR, fromIp)).isEqualTo(3);
        assertThat(PoolView.count(Signal.BIN_CARDS_PER_IP, PoolView.HOUR, NOW, fromIp, withoutCard())).as("an order without a card")
                .isZero();
    }

    @Test
    void shouldCountTheDifferentEmailsAndCardholderNamesSeenWithACardOrAnAddress() {
        final List<Observation> seen = List.of(
                new Observation("o-1", NOW - 10 * MINUTE, "shop-a", "fp-1", "497010", "jo@x.org", List.of("jo smith"), false),
                new Observation("o-2", NOW - 5 * MINUTE, "shop-b", "fp-1", "497010", "al@x.org", List.of("al brown", "jo smith"), false),
                new Observation("o-3", NOW, "shop-c", "fp-1", "497010", "jo@x.org", List.of("kim lee"), false));

        for (final Signal signal : List.of(Signal.EMAILS_PER_CARD, Signal.EMAILS_PER_ADDRESS)) {
            assertThat(count(signal, PoolView.HOUR, seen)).as(signal.configName()).isEqualTo(2);
        }
        for (final Signal signal : List.of(Signal.NAMES_PER_CARD, Signal.NAMES_PER_ADDRESS)) {
            assertThat(count(signal, PoolView.HOUR, seen)).as(signal.configName() + ": every name an order gives counts").isEqualTo(3);
        }
    }

    @Test
    void shouldCountTheOrdersWithCardsOfABinInTheLastHour() {
        final List<Observation> byBin = List.of(seen("o-1", 70, "fp-1", "497010"), seen("o-2", 50, "fp-2", "497010"),
                seen("o-3", 2, "fp-3", "497010"), seen("o-4", 0, "fp-3", "497010"));

        assertThat(count(Signal.ORDERS_PER_BIN, PoolView.HOUR, byBin)).isEqualTo(3);
    }

    @Test
    void shouldCountTheDeclinedPaymentsFromAnIpOrWithAnEmail() {
        final List<Observation> seen = List.of(declined("o-1", 50), declined("o-2", 10), seen("o-3", 5, "fp-3", "497010"),
                declined("o-4", 70));

        assertThat(count(Signal.DECLINES_PER_IP, PoolView.HOUR, seen)).isEqualTo(2);
        assertThat(count(Signal.DECLINES_PER_EMAIL, PoolView.DAY, seen)).isEqualTo(3);
    }

    @Test
    void shouldCountEachRuleOverItsOwnTraitAndWindow() {
        final RiskRules rules = new RiskRules(50, 85, List.of(
                new CountRule("cards-per-ip-1h", Signal.CARDS_PER_IP, PoolView.HOUR, 2, 20),
                new CountRule("cards-per-ip-30m", Signal.CARDS_PER_IP, HALF_HOUR, 2, 0),
                new CountRule("orders-per-card-24h", Signal.ORDERS_PER_CARD, PoolView.DAY, 2, 20)),
                RiskRules.defaults().shopBasket(), RiskRules.defaults().customerAmount(), 15, RiskRules.defaults().noThreeDs(),
                RiskRules.defaults().disposableEmail(), RiskRules.defaults().firstSeenHighAmount(), RiskRules.defaults().conditions(),
                List.of(), RiskRules.defaults().disputes(), "test");
        final List<Observation> byIp = List.of(seen("o-1", 40, "fp-1", "497010"), seen("o-2", 0, "fp-2", "497010"));

        final RiskSignals signals = PoolView.signals(NOW, ORDER, Map.of(Trait.IP, byIp, Trait.CARD, List.of(seen("o-2", 0, "fp-2",
                "497010"))), rules, new ShopBasket(4_000, 30), History.NONE, History.NONE, History.NONE);

        assertThat(signals.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("cards-per-ip-1h", 2, "cards-per-ip-30m", 1,
                "orders-per-card-24h", 1));
        assertThat(signals.shopUsualBasketMinor()).isEqualTo(4_000);
        assertThat(rules.traits()).containsExactlyInAnyOrder(Trait.IP, Trait.CARD);
    }

    @Test
    void shouldRememberOnlyTheTraitsThatARuleWithAWeightOrACombinationLooksAt() {
        assertThat(RiskRules.defaults().traits()).as("the BIN volume rules weigh 0 and no combination needs them")
                .containsExactlyInAnyOrder(Trait.CARD, Trait.EMAIL, Trait.IP, Trait.ADDRESS);
        final RiskRules weighed = new RiskRules(50, 85, List.of(new CountRule("bin-velocity-1h", Signal.ORDERS_PER_BIN, PoolView.HOUR, 20,
                10)), RiskRules.defaults().shopBasket(), RiskRules.defaults().customerAmount(), 15, RiskRules.defaults().noThreeDs(),
                RiskRules.defaults().disposableEmail(), RiskRules.defaults().firstSeenHighAmount(), RiskRules.defaults().conditions(),
                List.of(), RiskRules.defaults().disputes(), "test");
        assertThat(weighed.traits()).containsExactly(Trait.BIN);
    }

    @Test
    void shouldLearnAShopsUsualBasket() {
        ShopBasket basket = ShopBasket.NONE;
        for (int i = 0; i < 30; i++) {
            basket = basket.with(4_000);
        }
        basket = basket.with(14_000);

        assertThat(basket.samples()).isEqualTo(31);
        assertThat(basket.usualMinor()).isEqualTo(5_000);
    }

    private static Observation seen(final String orderId, final int minutesAgo, final String card, final String bin) {
        return new Observation(orderId, NOW - minutesAgo * MINUTE, "shop-a", card, bin, "a@x.org", List.of("a"), false);
    }

    private static Observation declined(final String orderId, final int minutesAgo) {
        return new Observation(orderId, NOW - minutesAgo * MINUTE, "shop-a", "fp-" + orderId, "497010", "a@x.org", List.of("a"), true);
    }

    private static OrderFacts withoutCard() {
        return new OrderFacts("o-9", "shop-a", "a@x.org", List.of("a"), null, null, null, "203.0.113.7", "FR", "FR",
                "fr|69003|12 rue des lilas", false, 4_500, "EUR");
    }

    private static int count(final Signal signal, final Duration window, final List<Observation> seen) {
        return PoolView.count(signal, window, NOW, seen, ORDER);
    }
}
