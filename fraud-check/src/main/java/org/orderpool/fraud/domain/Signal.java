package org.orderpool.fraud.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a count rule counts under one trait of the order, across every shop of the pool, this order
 * included: orders, declined payments, or the different cards, e-mails, cardholder names or shops seen
 * with it. Named after Stripe Radar's velocity attributes (cards per e-mail, e-mails per card, declines
 * per IP), written the way configuration names them ({@code cards-per-ip}).
 */
public enum Signal {
    ORDERS_PER_CARD(Trait.CARD, Measure.ORDERS, "orders with this card"),
    DECLINES_PER_CARD(Trait.CARD, Measure.DECLINES, "declined payments with this card"),
    EMAILS_PER_CARD(Trait.CARD, Measure.EMAILS, "different e-mails with this card"),
    NAMES_PER_CARD(Trait.CARD, Measure.NAMES, "different cardholder names with this card"),
    SHOPS_PER_CARD(Trait.CARD, Measure.SHOPS, "shops of the pool where this card was used"),
    ORDERS_PER_EMAIL(Trait.EMAIL, Measure.ORDERS, "orders with this e-mail"),
    DECLINES_PER_EMAIL(Trait.EMAIL, Measure.DECLINES, "declined payments with this e-mail"),
    CARDS_PER_EMAIL(Trait.EMAIL, Measure.CARDS, "different cards with this e-mail"),
    ORDERS_PER_IP(Trait.IP, Measure.ORDERS, "orders from this IP"),
    DECLINES_PER_IP(Trait.IP, Measure.DECLINES, "declined payments from this IP"),
    CARDS_PER_IP(Trait.IP, Measure.CARDS, "different cards from this IP"),
    BIN_CARDS_PER_IP(Trait.IP, Measure.CARDS_OF_BIN, "different cards of this BIN from this IP"),
    ORDERS_PER_ADDRESS(Trait.ADDRESS, Measure.ORDERS, "orders to this shipping address"),
    CARDS_PER_ADDRESS(Trait.ADDRESS, Measure.CARDS, "different cards shipping to this address"),
    EMAILS_PER_ADDRESS(Trait.ADDRESS, Measure.EMAILS, "different e-mails shipping to this address"),
    NAMES_PER_ADDRESS(Trait.ADDRESS, Measure.NAMES, "different cardholder names shipping to this address"),
    ORDERS_PER_BIN(Trait.BIN, Measure.ORDERS, "orders with cards of this BIN"),
    CARDS_PER_BIN(Trait.BIN, Measure.CARDS, "different cards of this BIN");

    /** What is counted among the observations under the trait. */
    public enum Measure { ORDERS, DECLINES, CARDS, CARDS_OF_BIN, EMAILS, NAMES, SHOPS }

    private final Trait trait;
    private final Measure measure;
    private final String phrase;

    Signal(final Trait trait, final Measure measure, final String phrase) {
        this.trait = trait;
        this.measure = measure;
        this.phrase = phrase;
    }

    public Trait trait() {
        return trait;
    }

    public Measure measure() {
        return measure;
    }

    /** What the count means, to follow the number in a reason: "3 different cards from this IP". */
    public String phrase() {
        return phrase;
    }

    /** The name configuration uses: {@code cards-per-ip}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Signal> byConfigName(final String name) {
        return Arrays.stream(values()).filter(s -> s.configName().equals(name)).findFirst();
    }

    /** Every configuration name, for an error that lists what is allowed. */
    public static String configNames() {
        return Arrays.stream(values()).map(Signal::configName).collect(Collectors.joining(", "));
    }
}
