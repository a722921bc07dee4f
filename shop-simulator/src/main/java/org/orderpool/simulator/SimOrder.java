package org.orderpool.simulator;

import java.time.Instant;
import java.util.List;

/** An order as a simulated shop's checkout produced it, before it is rendered for the shop's platform. */
public record SimOrder(SimulatedShop shop, String shopOrderRef, Customer customer, Address address, List<Line> lines, String shippingMethod,
                       long shippingCents, Payment payment, Instant placedAt, String kind) {

    /** Who bought. */
    public record Customer(String email, String firstName, String lastName) {
    }

    /** Where it goes. */
    public record Address(String name, String line1, String postalCode, String city, String countryCode) {
    }

    /** One SKU in the basket, price per unit in cents. */
    public record Line(String sku, int quantity, long unitCents) {
    }

    /** What the payment provider says; never a card number. */
    public record Payment(String bin, String lastFour, String fingerprint, String cardCountry, String threeDSecure, String authorisation,
                          String clientIp, String clientIpCountry) {
    }

    public long totalCents() {
        return lines.stream().mapToLong(line -> line.unitCents() * line.quantity()).sum() + shippingCents;
    }
}
