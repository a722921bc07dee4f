package org.orderpool.fraud.domain;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A condition a combination can require, beside the rules that fired; each says what it saw when it
 * holds. What "new", "small" and "large" mean is configuration ({@link RiskRules.Conditions}).
 */
public enum Condition {
    /** A card payment without 3-D Secure authentication. */
    NO_3DS,
    /** The card was first seen by the pool less than {@code new-within} ago, or never. */
    NEW_CARD,
    /** The e-mail was first seen by the pool less than {@code new-within} ago, or never. */
    NEW_EMAIL,
    /** The shipping address was first seen by the pool less than {@code new-within} ago, or never. */
    NEW_ADDRESS,
    /** The e-mail is a customer the pool has known for {@code new-within} or longer (the opposite of {@link #NEW_EMAIL}). */
    KNOWN_EMAIL,
    /** The card's country is not the shipping country. */
    CARD_ABROAD,
    /** The client IP's country is not the shipping country. */
    IP_ABROAD,
    /** The card's and the client IP's countries differ. */
    CARD_IP_DIFFER,
    /** The order is at least {@code large-basket-multiple} times the shop's usual basket. */
    LARGE_BASKET,
    /** The order's total is at most {@code small-amount}. */
    SMALL_AMOUNT,
    /** A card the customer (the e-mail) has not paid with in its earlier orders (its profile keeps the latest four). */
    CARD_NEW_TO_EMAIL,
    /** A card from a country none of the customer's earlier cards came from. */
    CARD_COUNTRY_NEW_TO_EMAIL,
    /** A client IP in a country the customer never ordered from before. */
    IP_COUNTRY_NEW_TO_EMAIL,
    /** A shipping address the customer never shipped to before (its profile keeps the latest four). */
    ADDRESS_NEW_TO_EMAIL,
    /** A payer's phone other than the one the customer gave last. */
    PHONE_NEW_TO_EMAIL,
    /** Express shipping. */
    EXPRESS_SHIPPING;

    /** The name configuration uses: {@code no-3ds}, {@code new-card}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Looked up for each part of each combination of each order: built once, not from the names each time. */
    private static final Map<String, Condition> BY_CONFIG_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Condition::configName, condition -> condition));

    public static Optional<Condition> byConfigName(final String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_CONFIG_NAME.get(name));
    }

    public static String configNames() {
        return Arrays.stream(values()).map(Condition::configName).collect(Collectors.joining(", "));
    }

    /** What the condition saw in {@code order}, or empty when it does not hold. */
    public Optional<String> seen(final OrderFacts order, final RiskSignals signals, final RiskRules rules) {
        final RiskRules.Conditions meaning = rules.conditions();
        return switch (this) {
            case NO_3DS -> order.card() && !order.threeDSecureAuthenticated() ? Optional.of("no 3-D Secure") : Optional.empty();
            case NEW_CARD -> order.card() ? fresh("card", signals.card(), signals, meaning) : Optional.empty();
            case NEW_EMAIL -> fresh("e-mail", signals.email(), signals, meaning);
            case NEW_ADDRESS -> fresh("address", signals.address(), signals, meaning);
            case KNOWN_EMAIL -> fresh("e-mail", signals.email(), signals, meaning).isPresent() ? Optional.empty()
                    : Optional.of("e-mail known for " + Readable.age(signals.email().ageAt(signals.atMillis())) + ", "
                            + signals.email().orders() + " orders");
            case CARD_ABROAD -> differ("card", order.cardCountry(), "shipping", order.shippingCountry());
            case IP_ABROAD -> differ("IP", order.clientIpCountry(), "shipping", order.shippingCountry());
            case CARD_IP_DIFFER -> differ("card", order.cardCountry(), "IP", order.clientIpCountry());
            case LARGE_BASKET -> largeBasket(order, signals, rules);
            case SMALL_AMOUNT -> order.totalMinor() <= meaning.smallAmountMinor()
                    ? Optional.of("a small amount, " + Readable.amount(order.totalMinor(), order.currency())) : Optional.empty();
            case CARD_NEW_TO_EMAIL -> order.card() && profiled(signals) && !profile(signals).usedCard(order.cardFingerprint())
                    ? Optional.of("a card the customer has not used (" + profile(signals).cards().size() + " known)")
                    : Optional.empty();
            case CARD_COUNTRY_NEW_TO_EMAIL -> order.card() && order.cardCountry() != null && profiled(signals)
                    && !profile(signals).cardCountries().isEmpty() && !profile(signals).paidFrom(order.cardCountry())
                    ? Optional.of("a card from " + order.cardCountry() + ", the customer's were from "
                            + String.join(", ", profile(signals).cardCountries()))
                    : Optional.empty();
            case IP_COUNTRY_NEW_TO_EMAIL -> order.clientIpCountry() != null && profiled(signals)
                    && !profile(signals).ipCountries().isEmpty() && !profile(signals).orderedFrom(order.clientIpCountry())
                    ? Optional.of("IP in " + order.clientIpCountry() + ", the customer ordered from "
                            + String.join(", ", profile(signals).ipCountries()))
                    : Optional.empty();
            case ADDRESS_NEW_TO_EMAIL -> order.shippingAddressKey() != null && profiled(signals)
                    && !profile(signals).addresses().isEmpty() && !profile(signals).shippedTo(order.shippingAddressKey())
                    ? Optional.of("an address the customer never shipped to") : Optional.empty();
            case PHONE_NEW_TO_EMAIL -> profiled(signals) && profile(signals).otherPhone(order.phone())
                    ? Optional.of("a phone other than the customer's last") : Optional.empty();
            case EXPRESS_SHIPPING -> order.expressShipping() ? Optional.of("express shipping") : Optional.empty();
        };
    }

    private static Profile profile(final RiskSignals signals) {
        return signals.email().profile();
    }

    private static boolean profiled(final RiskSignals signals) {
        return signals.email().known() && signals.email().profile().known();
    }

    private static Optional<String> fresh(final String what, final History history, final RiskSignals signals,
                                          final RiskRules.Conditions meaning) {
        if (!history.known()) {
            return Optional.of(what + " new to the pool");
        }
        final Duration age = history.ageAt(signals.atMillis());
        return age.compareTo(meaning.newWithin()) < 0
                ? Optional.of(what + " first seen " + Readable.age(age) + " ago") : Optional.empty();
    }

    private static Optional<String> differ(final String what, final String country, final String other,
                                           final String otherCountry) {
        return country != null && otherCountry != null && !country.equals(otherCountry)
                ? Optional.of(what + " " + country + " vs " + other + " " + otherCountry) : Optional.empty();
    }

    private static Optional<String> largeBasket(final OrderFacts order, final RiskSignals signals, final RiskRules rules) {
        if (signals.shopBasketKnown(rules)) {
            final long multiple = order.totalMinor() / signals.shopUsualBasketMinor();
            return multiple >= rules.conditions().largeBasketMultiple()
                    ? Optional.of(multiple + "x the shop's usual basket") : Optional.empty();
        }
        return order.totalMinor() >= rules.firstSeenHighAmount().minor()
                ? Optional.of(Readable.amount(order.totalMinor(), order.currency())
                        + " (the shop's usual basket is not known yet)")
                : Optional.empty();
    }
}
