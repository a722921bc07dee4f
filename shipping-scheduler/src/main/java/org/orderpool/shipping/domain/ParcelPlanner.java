package org.orderpool.shipping.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Turns a reserved order into parcels for one carrier service.
 *
 * <p>The service is the first offer (by carrier, then service code) that fulfils the shipping method the
 * customer chose, serves the destination and can carry the heaviest unit. When none can, the fallback
 * is the first offer that serves the destination and carries the heaviest unit, trying STANDARD, then
 * EXPRESS, then PICKUP_POINT, and the plan says why. Units are packed heaviest first into as few parcels
 * as the service's weight limit allows (first fit decreasing).
 */
public final class ParcelPlanner {

    private static final List<String> FALLBACK_ORDER = List.of("STANDARD", "EXPRESS", "PICKUP_POINT");

    /** Units of one SKU in a parcel. */
    public record Item(String sku, int quantity) {
    }

    /** One planned parcel. */
    public record PlannedParcel(int number, List<Item> items, int weightGrams) {
    }

    /** The service chosen, why it differs from the customer's choice (if it does), and the parcels. */
    public record Plan(CarrierOffer offer, Optional<String> fallbackReason, List<PlannedParcel> parcels) {
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
        final int heaviestUnit = lines.keySet().stream().mapToInt(unitWeightGrams).max().orElse(0);
        final List<CarrierOffer> able = offers.stream()
                .filter(o -> o.serves(destinationCountry) && o.maxParcelWeightGrams() >= heaviestUnit)
                .sorted(Comparator.comparing(CarrierOffer::carrierId).thenComparing(CarrierOffer::serviceCode))
                .toList();
        final Optional<CarrierOffer> chosen = able.stream().filter(o -> o.shippingMethod().equals(shippingMethod)).findFirst();
        if (chosen.isPresent()) {
            return Optional.of(new Plan(chosen.get(), Optional.empty(), pack(lines, chosen.get().maxParcelWeightGrams())));
        }
        for (final String method : FALLBACK_ORDER) {
            final Optional<CarrierOffer> fallback = able.stream().filter(o -> o.shippingMethod().equals(method)).findFirst();
            if (fallback.isPresent()) {
                final String reason = "no " + shippingMethod + " service delivers to " + destinationCountry
                        + (heaviestUnit > 0 ? " with units of " + heaviestUnit + " g" : "") + "; " + method + " with "
                        + fallback.get().carrierId() + " instead";
                return Optional.of(new Plan(fallback.get(), Optional.of(reason), pack(lines, fallback.get().maxParcelWeightGrams())));
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
