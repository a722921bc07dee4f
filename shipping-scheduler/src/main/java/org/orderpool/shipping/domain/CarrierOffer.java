package org.orderpool.shipping.domain;

import java.util.List;
import java.util.Set;
import org.orderpool.contracts.CarrierCalendar;

/**
 * One carrier service from the pool's warehouse: which checkout shipping method it fulfils, the
 * heaviest parcel it takes and the countries it serves.
 */
public record CarrierOffer(String carrierId, String serviceCode, String shippingMethod, int maxParcelWeightGrams,
                           Set<String> destinationCountries) {

    /** The offers of a carrier calendar: one per service it lists. */
    public static List<CarrierOffer> of(final CarrierCalendar calendar) {
        return calendar.getServices().stream().map(service -> new CarrierOffer(calendar.getCarrierId(), service.getServiceCode(),
                service.getShippingMethod().name(), service.getMaxParcelWeightGrams(), Set.copyOf(service.getDestinationCountries()))).toList();
    }

    boolean serves(final String country) {
        return destinationCountries.contains(country);
    }
}
