package org.orderpool.fraud.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * How a customer (an e-mail) usually pays and ships, from its earlier orders: the cards it used (a hash of each
 * fingerprint token), the card and client-IP countries, the shipping addresses (a hash of each) and the last
 * payer's phone (a hash of its digits). An account taken over keeps the e-mail but rarely all of these: a new card
 * from a country the customer never paid from, a checkout from a country the customer never ordered from, a new
 * address with a new phone. At most {@value #KEEP} of each, the latest, so an e-mail's state stays small; it is
 * kept only in the e-mail's {@link History}.
 */
public record Profile(List<Integer> cards, List<String> cardCountries, List<String> ipCountries, List<Integer> addresses,
                      int phone) {

    /** How many cards, countries and addresses of each kind a profile keeps: the latest. */
    public static final int KEEP = 4;
    public static final Profile EMPTY = new Profile(List.of(), List.of(), List.of(), List.of(), 0);

    public Profile {
        cards = cards == null ? List.of() : List.copyOf(cards);
        cardCountries = cardCountries == null ? List.of() : List.copyOf(cardCountries);
        ipCountries = ipCountries == null ? List.of() : List.copyOf(ipCountries);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /**
     * Whether the profile has seen an order. An e-mail whose history was written before profiles existed has none
     * yet: no profile condition holds for it until its next order, so an upgrade does not flag every known customer.
     */
    public boolean known() {
        return !cards.isEmpty() || !ipCountries.isEmpty() || !addresses.isEmpty();
    }

    public boolean usedCard(final String fingerprint) {
        return cards.contains(hash(fingerprint));
    }

    public boolean paidFrom(final String cardCountry) {
        return cardCountries.contains(cardCountry);
    }

    public boolean orderedFrom(final String ipCountry) {
        return ipCountries.contains(ipCountry);
    }

    public boolean shippedTo(final String addressKey) {
        return addresses.contains(hash(addressKey));
    }

    /** Whether {@code phone} is a number other than the one the customer last gave; false when either is unknown. */
    public boolean otherPhone(final String phone) {
        final int given = phoneHash(phone);
        return given != 0 && this.phone != 0 && given != this.phone;
    }

    /** This profile with {@code order} added: its card, countries, address and phone become the latest. */
    public Profile with(final OrderFacts order) {
        final int phoneNow = phoneHash(order.phone());
        return new Profile(order.card() ? latest(cards, hash(order.cardFingerprint())) : cards,
                order.card() && order.cardCountry() != null ? latest(cardCountries, order.cardCountry()) : cardCountries,
                order.clientIpCountry() != null ? latest(ipCountries, order.clientIpCountry()) : ipCountries,
                order.shippingAddressKey() != null ? latest(addresses, hash(order.shippingAddressKey())) : addresses,
                phoneNow != 0 ? phoneNow : phone);
    }

    private static <T> List<T> latest(final List<T> kept, final T value) {
        final List<T> updated = new ArrayList<>(KEEP);
        updated.add(value);
        for (final T old : kept) {
            if (updated.size() < KEEP && !old.equals(value)) {
                updated.add(old);
            }
        }
        return updated;
    }

    private static int hash(final String value) {
        return value == null ? 0 : value.hashCode();
    }

    /** The phone's digits, hashed; 0 for no phone (fewer than six digits is not a phone number). */
    static int phoneHash(final String phone) {
        if (phone == null) {
            return 0;
        }
        final String digits = phone.replaceAll("[^0-9]", "");
        final String national = digits.length() > 9 ? digits.substring(digits.length() - 9) : digits;
        return national.length() < 6 ? 0 : (national.hashCode() | 1);
    }
}
