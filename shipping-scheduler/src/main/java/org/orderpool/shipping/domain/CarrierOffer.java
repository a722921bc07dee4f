package org.orderpool.shipping.domain;

import java.util.Set;

/**
 * One carrier service from the pool's warehouse: which checkout shipping method it fulfils, the
 * heaviest parcel it takes and the countries it serves.
 */
public record CarrierOffer(String carrierId, String serviceCode, String shippingMethod, int maxParcelWeightGrams,
                           Set<String> destinationCountries) {

    boolean serves(final String country) {
        return destinationCountries.contains(country);
    }
}
