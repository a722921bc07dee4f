package org.orderpool.shipping.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParcelPlannerTest {

    private static final Map<String, Integer> WEIGHTS = Map.of("TEA", 150, "POT", 1_650, "RUG", 6_800, "CHAIR", 9_800);
    private static final CarrierOffer HOME = new CarrierOffer("colis-express", "CX-HOME", "STANDARD", 10_000, Set.of("FR", "BE", "DE"));
    private static final CarrierOffer EXPRESS = new CarrierOffer("colis-express", "CX-EXPRESS", "EXPRESS", 5_000, Set.of("FR"));
    private static final CarrierOffer RELAY = new CarrierOffer("relais-pro", "RP-RELAY", "PICKUP_POINT", 20_000, Set.of("FR", "ES"));
    private static final List<CarrierOffer> OFFERS = List.of(RELAY, EXPRESS, HOME);

    private final ParcelPlanner planner = new ParcelPlanner(WEIGHTS::get);

    @Test
    void shouldPackASmallOrderInOneParcelWithTheChosenService() {
        final ParcelPlanner.Plan plan = planner.plan(lines("TEA", 3, "POT", 1), "EXPRESS", "FR", OFFERS).orElseThrow();

        assertThat(plan.offer()).isEqualTo(EXPRESS);
        assertThat(plan.fallbackReason()).isEmpty();
        assertThat(plan.parcels()).singleElement().satisfies(p -> {
            assertThat(p.weightGrams()).isEqualTo(2_100);
            assertThat(p.items()).containsExactly(new ParcelPlanner.Item("POT", 1), new ParcelPlanner.Item("TEA", 3));
        });
    }

    @Test
    void shouldSplitAnOrderOverTheServicesWeightLimit() {
        final ParcelPlanner.Plan plan = planner.plan(lines("RUG", 2, "POT", 2, "TEA", 2), "STANDARD", "DE", OFFERS).orElseThrow();

        assertThat(plan.parcels()).extracting(ParcelPlanner.PlannedParcel::weightGrams).containsExactly(8_750, 8_450);
        assertThat(plan.parcels()).allSatisfy(p -> assertThat(p.weightGrams()).isLessThanOrEqualTo(HOME.maxParcelWeightGrams()));
        assertThat(plan.parcels().stream().flatMap(p -> p.items().stream()).mapToInt(ParcelPlanner.Item::quantity).sum())
                .as("every unit is in exactly one parcel").isEqualTo(6);
    }

    @Test
    void shouldFallBackWhenTheChosenServiceDoesNotServeTheDestination() {
        final ParcelPlanner.Plan plan = planner.plan(lines("TEA", 1), "EXPRESS", "BE", OFFERS).orElseThrow();

        assertThat(plan.offer()).isEqualTo(HOME);
        assertThat(plan.fallbackReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("no EXPRESS service delivers to BE").contains("STANDARD with colis-express"));
    }

    @Test
    void shouldFallBackWhenAUnitIsTooHeavyForTheChosenService() {
        final ParcelPlanner.Plan plan = planner.plan(lines("RUG", 1), "EXPRESS", "FR", OFFERS).orElseThrow();

        assertThat(plan.offer()).isEqualTo(HOME);
        assertThat(plan.fallbackReason()).hasValueSatisfying(reason -> assertThat(reason).contains("units of 6800 g"));
    }

    @Test
    void shouldFindNoPlanWhenNothingServesTheDestination() {
        assertThat(planner.plan(lines("TEA", 1), "STANDARD", "JP", OFFERS)).isEmpty();
        assertThat(planner.plan(lines("CHAIR", 1), "STANDARD", "ES", List.of(EXPRESS, HOME))).isEmpty();
    }

    @Test
    void shouldPassOverAPausedCarrierForOneThatCollects() {
        final CarrierOffer relayHome = new CarrierOffer("relais-pro", "RP-HOME", "STANDARD", 30_000, Set.of("FR"));
        final List<CarrierOffer> offers = List.of(RELAY, EXPRESS, HOME, relayHome);

        final ParcelPlanner.Plan plan = planner.plan(lines("TEA", 1), "EXPRESS", "FR", offers, Set.of("colis-express")).orElseThrow();

        assertThat(plan.offer()).as("the only EXPRESS service is paused: the first method that collects").isEqualTo(relayHome);
        assertThat(plan.fallbackReason()).contains("colis-express is paused (no pick-up ahead); STANDARD with relais-pro instead");
        assertThat(plan.waitsForCarrier()).isFalse();
    }

    @Test
    void shouldWaitForAPausedCarrierWhenNoOtherCanTakeTheOrder() {
        final ParcelPlanner.Plan plan = planner.plan(lines("TEA", 1), "STANDARD", "DE", OFFERS, Set.of("colis-express")).orElseThrow();

        assertThat(plan.offer()).isEqualTo(HOME);
        assertThat(plan.waitsForCarrier()).isTrue();
        assertThat(planner.plan(lines("TEA", 1), "STANDARD", "DE", OFFERS, Set.of()).orElseThrow().waitsForCarrier()).isFalse();
    }

    private static Map<String, Integer> lines(final Object... skuThenQuantity) {
        final Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < skuThenQuantity.length; i += 2) {
            lines.put((String) skuThenQuantity[i], (Integer) skuThenQuantity[i + 1]);
        }
        return lines;
    }
}
