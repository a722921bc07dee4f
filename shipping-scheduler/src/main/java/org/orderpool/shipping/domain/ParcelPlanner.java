package org.orderpool.shipping.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Turns a reserved order into parcels for one carrier service.
 *
 * <p>The service is the first offer (by carrier, then service code) that fulfils the shipping method the
 * customer chose, serves the destination and can carry the heaviest unit. When none can, the fallback
 * is the first offer that serves the destination and carries the heaviest unit, trying STANDARD, then
 * EXPRESS, then PICKUP_POINT, and the plan says why. Units are packed heaviest first into as few parcels
 * as the service's weight limit allows (first fit decreasing).
 *
 * <p>Carriers that are paused (no cut-off ahead) are passed over the same way: the order goes with a
 * carrier that collects, and the plan says which carrier was paused. Only when no carrier that
 * collects can take it at all is it planned with a paused one, and then it waits for that carrier.
 */
public final class ParcelPlanner {

    private static final List<String> FALLBACK_ORDER = List.of("STANDARD", "EXPRESS", "PICKUP_POINT");

    /** Units of one SKU in a parcel. */
    public record Item(String sku, int quantity) {
    }

    /** One planned parcel. */
    public record PlannedParcel(int number, List<Item> items, int weightGrams) {
    }

    /**
     * The service chosen, why it differs from the customer's choice (if it does), and the parcels;
     * {@code waitsForCarrier} when its carrier is paused and the parcels wait for it to collect again.
     */
    public record Plan(CarrierOffer offer, Optional<String> fallbackReason, List<PlannedParcel> parcels,
                       boolean waitsForCarrier) {
    }

    private final ToIntFunction<String> unitWeightGrams;

    public ParcelPlanner(final ToIntFunction<String> unitWeightGrams) {
        this.unitWeightGrams = unitWeightGrams;
    }

    /**
     * @param lines units per SKU
     * @return the plan, or empty when no offer serves the destination with units this heavy
     */
    public Optional<Plan> plan(final Map<String, Integer> lines, final String shippingMethod, final String destinationCountry,
                               final List<CarrierOffer> offers) {
        return plan(lines, shippingMethod, destinationCountry, offers, Set.of());
    }

    /**
     * Like {@link #plan(Map, String, String, List)}, passing over the offers of {@code pausedCarriers}
     * unless nothing else can take the order.
     */
    public Optional<Plan> plan(final Map<String, Integer> lines, final String shippingMethod, final String destinationCountry,
                               final List<CarrierOffer> offers, final Set<String> pausedCarriers) {
        final int heaviestUnit = lines.keySet().stream().mapToInt(unitWeightGrams).max().orElse(0);
        final Optional<Choice> any = choose(shippingMethod, destinationCountry, heaviestUnit, offers);
        if (any.isEmpty() || !pausedCarriers.contains(any.get().offer().carrierId())) {
            return any.map(choice -> plan(choice.offer(), choice.reason(), lines, false));
        }
        final String paused = any.get().offer().carrierId();
        final List<CarrierOffer> collecting = offers.stream().filter(o -> !pausedCarriers.contains(o.carrierId())).toList();
        final Optional<Choice> instead = choose(shippingMethod, destinationCountry, heaviestUnit, collecting);
        if (instead.isEmpty()) {
            return Optional.of(plan(any.get().offer(), any.get().reason(), lines, true));
        }
        final CarrierOffer offer = instead.get().offer();
        final String reason = paused + " is paused (no pick-up ahead); " + offer.shippingMethod() + " with " + offer.carrierId()
                + " instead";
        return Optional.of(plan(offer, Optional.of(reason), lines, false));
    }

    private Plan plan(final CarrierOffer offer, final Optional<String> reason, final Map<String, Integer> lines,
                      final boolean waitsForCarrier) {
        return new Plan(offer, reason, pack(lines, offer.maxParcelWeightGrams()), waitsForCarrier);
    }

    /** An offer and why it is not the customer's shipping method, if it is not. */
    private record Choice(CarrierOffer offer, Optional<String> reason) {
    }

    private static Optional<Choice> choose(final String shippingMethod, final String destinationCountry, final int heaviestUnit,
                                           final List<CarrierOffer> offers) {
        final List<CarrierOffer> able = offers.stream()
                .filter(o -> o.serves(destinationCountry) && o.maxParcelWeightGrams() >= heaviestUnit)
                .sorted(Comparator.comparing(CarrierOffer::carrierId).thenComparing(CarrierOffer::serviceCode))
                .toList();
        final Optional<CarrierOffer> chosen = able.stream().filter(o -> o.shippingMethod().equals(shippingMethod)).findFirst();
        if (chosen.isPresent()) {
            return Optional.of(new Choice(chosen.get(), Optional.empty()));
        }
        for (final String method : FALLBACK_ORDER) {
            final Optional<CarrierOffer> fallback = able.stream().filter(o -> o.shippingMethod().equals(method)).findFirst();
            if (fallback.isPresent()) {
                final String reason = "no " + shippingMethod + " service delivers to " + destinationCountry
                        + (heaviestUnit > 0 ? " with units of " + heaviestUnit + " g" : "") + "; " + method + " with "
                        + fallback.get().carrierId() + " instead";
                return Optional.of(new Choice(fallback.get(), Optional.of(reason)));
            }
        }
        return Optional.empty();
    }

    private List<PlannedParcel> pack(final Map<String, Integer> lines, final int maxWeight) {
        final List<String> units = new ArrayList<>();
        lines.forEach((sku, quantity) -> {
            for (int i = 0; i < quantity; i++) {
                units.add(sku);
            }
        });
        units.sort(Comparator.comparingInt(unitWeightGrams).reversed().thenComparing(Comparator.naturalOrder()));
        final List<Map<String, Integer>> contents = new ArrayList<>();
        final List<Integer> weights = new ArrayList<>();
        for (final String sku : units) {
            final int weight = unitWeightGrams.applyAsInt(sku);
            int target = -1;
            for (int p = 0; p < weights.size() && target < 0; p++) {
                if (weights.get(p) + weight <= maxWeight) {
                    target = p;
                }
            }
            if (target < 0) {
                contents.add(new LinkedHashMap<>());
                weights.add(0);
                target = weights.size() - 1;
            }
            contents.get(target).merge(sku, 1, Integer::sum);
            weights.set(target, weights.get(target) + weight);
        }
        final List<PlannedParcel> parcels = new ArrayList<>();
        for (int p = 0; p < contents.size(); p++) {
            final List<Item> items = new ArrayList<>();
            contents.get(p).forEach((sku, quantity) -> items.add(new Item(sku, quantity)));
            parcels.add(new PlannedParcel(p + 1, items, weights.get(p)));
        }
        return parcels;
    }
}
