package org.orderpool.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orderpool.fraud.domain.Combination;
import org.orderpool.fraud.domain.CountRule;
import org.orderpool.fraud.domain.RiskRules;
import org.orderpool.fraud.domain.Signal;
import org.orderpool.fraud.topology.FraudSettings;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

class FraudPropertiesTest {

    @Test
    void shouldMakeTheDefaultSettingsWhenNothingIsConfigured() {
        assertThat(new FraudProperties().toSettings()).isEqualTo(FraudSettings.defaults());
    }

    @Test
    void shouldLetAShopOverrideOnlyWhatItNamesAndTakeTheRestFromTheDefaultPolicy() {
        final FraudProperties properties = new FraudProperties();
        properties.getDefaultPolicy().setReviewTimeout(Duration.ofMinutes(10));
        final FraudProperties.Policy teaHouse = new FraudProperties.Policy();
        teaHouse.setReviewAt(60);
        properties.getShops().put("tea-house", teaHouse);

        final FraudSettings settings = properties.toSettings();

        final Duration tenMinutes = Duration.ofMinutes(10);
        assertThat(settings.policyOf("tea-house")).isEqualTo(new FraudSettings.ShopPolicy(60, 85, tenMinutes, false));
        assertThat(settings.policyOf("book-nook")).isEqualTo(new FraudSettings.ShopPolicy(50, 85, tenMinutes, false));
    }

    @Test
    void shouldBindThePoolsRulesFromYamlOverTheDefaults() throws IOException {
        final FraudProperties properties = fromYaml("""
                orderpool:
                  fraud:
                    rules:
                      version: 2026-12-tea
                      counts:
                        card-velocity-1h: {window: 2h}
                        cards-per-ip-10m: {signal: cards-per-ip, window: 10m, at-least: 3, weight: 20}
                      combinations:
                        new-card-small-abroad: {weight: 30, all-of: [new-card, small-amount, ip-abroad]}
                        account-takeover-express: {group: Takeover-Express}
                      amount-vs-shop-basket: {multiple: 4}
                      no-3ds-high-amount: {above: 10000}
                      disposable-email: {domains: [Spam.example]}
                      conditions: {new-within: 2h}
                    shops:
                      tea-house: {review-at: 60}
                """);

        final FraudSettings settings = properties.toSettings();

        final RiskRules rules = settings.rules();
        assertThat(rules.version()).isEqualTo("2026-12-tea");
        assertThat(rules.counts()).filteredOn(r -> r.id().equals("card-velocity-1h")).singleElement()
                .isEqualTo(new CountRule("card-velocity-1h", Signal.ORDERS_PER_CARD, Duration.ofHours(2), 3, 25));
        assertThat(rules.counts()).last().isEqualTo(new CountRule("cards-per-ip-10m", Signal.CARDS_PER_IP,
                Duration.ofMinutes(10), 3, 20));
        assertThat(rules.counts()).hasSize(RiskRules.defaults().counts().size() + 1);
        assertThat(rules.combinations()).last()
                .isEqualTo(new Combination("new-card-small-abroad", 30, List.of("new-card", "small-amount", "ip-abroad")));
        assertThat(rules.combinations()).filteredOn(c -> c.id().equals("account-takeover-express")).singleElement()
                .satisfies(c -> {
                    assertThat(c.group()).as("only the group changes").isEqualTo("takeover-express");
                    assertThat(c.weight()).isEqualTo(50);
                });
        assertThat(rules.combinations()).filteredOn(c -> c.id().equals("account-takeover")).singleElement()
                .extracting(Combination::group).isEqualTo(RiskRules.TAKEOVER_GROUP);
        assertThat(rules.shopBasket()).isEqualTo(new RiskRules.Basket(4, 20, 20));
        assertThat(rules.noThreeDs()).isEqualTo(new RiskRules.Amount(10_000, 20));
        assertThat(rules.disposableEmail().domains()).containsExactly("spam.example");
        assertThat(rules.conditions().newWithin()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.rulesOf("tea-house").reviewAt()).as("per-shop thresholds as before").isEqualTo(60);
        assertThat(settings.rulesOf("tea-house").counts()).isEqualTo(rules.counts());
    }

    @Test
    void shouldRefuseRulesThatDifferFromTheDefaultsWithoutAVersion() {
        final FraudProperties properties = new FraudProperties();
        properties.getRules().getCountryMismatch().setWeight(10);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.fraud.rules.version must be set when the rules differ from the defaults");
    }

    @Test
    void shouldRefuseANewCountRuleThatDoesNotNameEveryFieldNamingTheProperty() {
        final FraudProperties properties = versioned();
        final RuleProperties.Count rule = new RuleProperties.Count();
        rule.setSignal("cards-per-ip");
        rule.setWindow(Duration.ofMinutes(10));
        rule.setWeight(20);
        properties.getRules().getCounts().put("cards-per-ip-10m", rule);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orderpool.fraud.rules.counts.cards-per-ip-10m.at-least must be set for a rule that is not one of the defaults");
    }

    @Test
    void shouldRefuseAnUnknownSignalListingTheSignals() {
        final FraudProperties properties = versioned();
        properties.getRules().getCounts().put("card-velocity-1h", count("cards-per-planet", null, null, null));

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.fraud.rules.counts.card-velocity-1h.signal must be one of orders-per-card, ")
                .hasMessageContaining("bin-cards-per-ip")
                .hasMessageEndingWith("was \"cards-per-planet\"");
    }

    @Test
    void shouldRefuseAWindowLongerThanThePoolRemembers() {
        final FraudProperties properties = versioned();
        properties.getRules().getCounts().put("card-velocity-24h", count(null, Duration.ofDays(2), null, null));

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.fraud.rules.counts.card-velocity-24h.window must be a positive duration of at most 24h");
    }

    @Test
    void shouldRefuseACountLimitAboveWhatThePoolViewReadsAndAWeightAboveAHundred() {
        final FraudProperties limit = versioned();
        limit.getRules().getCounts().put("ip-velocity-1h", count(null, null, 51, null));
        final FraudProperties weight = versioned();
        weight.getRules().getCounts().put("ip-velocity-1h", count(null, null, null, 101));

        assertThatThrownBy(limit::toSettings).hasMessageStartingWith("orderpool.fraud.rules.counts.ip-velocity-1h.at-least must be from 1 to 50");
        assertThatThrownBy(weight::toSettings)
                .hasMessage("orderpool.fraud.rules.counts.ip-velocity-1h.weight must be from 0 (adds nothing) to 100, was 101");
    }

    @Test
    void shouldRefuseACombinationOfSomethingThatIsNeitherAConditionNorARule() {
        final FraudProperties properties = versioned();
        final RuleProperties.Combo combo = new RuleProperties.Combo();
        combo.setWeight(30);
        combo.setAllOf(List.of("new-card", "full-moon"));
        properties.getRules().getCombinations().put("lunatic", combo);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.fraud.rules.combinations.lunatic.all-of names \"full-moon\", which is neither "
                        + "a condition (no-3ds, new-card");
    }

    @Test
    void shouldRefuseACombinationWithTheIdOfARule() {
        final FraudProperties properties = versioned();
        final RuleProperties.Combo combo = new RuleProperties.Combo();
        combo.setWeight(30);
        combo.setAllOf(List.of("new-card"));
        properties.getRules().getCombinations().put("card-velocity-1h", combo);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.fraud.rules.combinations.card-velocity-1h has the id of a count rule");
    }

    @Test
    void shouldRefuseANewWithinLongerThanThePoolsMemory() {
        final FraudProperties properties = versioned();
        properties.getRules().getConditions().setNewWithin(Duration.ofDays(400));

        assertThatThrownBy(properties::toSettings)
                .hasMessageStartingWith("orderpool.fraud.rules.conditions.new-within must be a positive duration of at most");
    }

    @Test
    void shouldRefuseAReviewThresholdAboveTheBlockThresholdNamingTheProperty() {
        final FraudProperties properties = new FraudProperties();
        final FraudProperties.Policy lax = new FraudProperties.Policy();
        lax.setBlockAt(40);
        properties.getShops().put("bike-corner", lax);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("orderpool.fraud.shops.bike-corner.review-at (50) must not be above "
                        + "orderpool.fraud.shops.bike-corner.block-at (40)");
    }

    @Test
    void shouldRefuseAReviewTimeoutThatIsNotPositiveNamingTheProperty() {
        final FraudProperties properties = new FraudProperties();
        properties.getDefaultPolicy().setReviewTimeout(Duration.ZERO);

        assertThatThrownBy(properties::toSettings).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orderpool.fraud.default-policy.review-timeout must be a positive duration");
    }

    @Test
    void shouldBindTheDisputeRuleFromYamlAndRefuseOneThatWouldBlockAlone() throws IOException {
        final FraudProperties properties = fromYaml("""
                orderpool:
                  fraud:
                    rules:
                      version: 2026-12-disputes
                      disputed-before: {weight: 40, window: 180d, kinds: [Chargeback], reasons: [fraudulent, unrecognized]}
                """);

        assertThat(properties.toSettings().rules().disputes()).isEqualTo(new RiskRules.Disputes(40, Duration.ofDays(180),
                Set.of("chargeback"), Set.of("fraudulent", "unrecognized")));
        assertThatThrownBy(() -> fromYaml("""
                orderpool:
                  fraud:
                    rules: {version: x, disputed-before: {weight: 90}}
                """).toSettings()).hasMessageContaining("orderpool.fraud.rules.disputed-before.weight (90) must be below every block-at");
        assertThatThrownBy(() -> fromYaml("""
                orderpool:
                  fraud:
                    rules: {version: x, disputed-before: {kinds: [refund]}}
                """).toSettings()).hasMessageContaining("orderpool.fraud.rules.disputed-before.kinds must name only");
        assertThatThrownBy(() -> fromYaml("""
                orderpool:
                  fraud:
                    rules: {version: x, disputed-before: {window: 0s}}
                """).toSettings()).hasMessageContaining("orderpool.fraud.rules.disputed-before.window must be a positive");
    }

    private static FraudProperties versioned() {
        final FraudProperties properties = new FraudProperties();
        properties.getRules().setVersion("test");
        return properties;
    }

    private static RuleProperties.Count count(final String signal, final Duration window, final Integer atLeast,
            final Integer weight) {
        final RuleProperties.Count count = new RuleProperties.Count();
        count.setSignal(signal);
        count.setWindow(window);
        count.setAtLeast(atLeast);
        count.setWeight(weight);
        return count;
    }

    private static FraudProperties fromYaml(final String yaml) throws IOException {
        final List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("test",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        return new Binder(ConfigurationPropertySources.from(sources)).bind("orderpool.fraud",
                FraudProperties.class).get();
    }
}
