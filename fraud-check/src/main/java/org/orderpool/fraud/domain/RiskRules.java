package org.orderpool.fraud.domain;

import java.util.Set;

/**
 * The rules' thresholds and weights: data, loaded from configuration, overridable per shop. A rule
 * adds its weight when its observation reaches its limit; the score is the sum, capped at 100.
 *
 * @param reviewAt      scores at or above this are held for review
 * @param blockAt       scores at or above this are blocked
 * @param cardPerHour   orders with the same card in 1 h, across the pool
 * @param cardPerDay    orders with the same card in 24 h
 * @param declinesPerDay declined payments with the same card in 24 h
 * @param emailPerHour  orders with the same e-mail in 1 h
 * @param ipPerHour     orders from the same client IP in 1 h
 * @param addressPerDay orders to the same shipping address in 24 h
 * @param cardsPerEmail distinct cards used with one e-mail in 24 h (card testing)
 * @param emailsPerCard distinct e-mails used with one card in 24 h (stolen card, account takeover)
 * @param shopsPerCard  distinct shops where one card was used in 24 h
 * @param basketMultiple an order worth this many times the shop's usual basket (once the shop has
 *                      {@code minBasketSamples} orders to know it)
 */
public record RiskRules(int reviewAt, int blockAt, Limit cardPerHour, Limit cardPerDay, Limit declinesPerDay, Limit emailPerHour,
                        Limit ipPerHour, Limit addressPerDay, Limit cardsPerEmail, Limit emailsPerCard, Limit shopsPerCard,
                        Limit basketMultiple, int minBasketSamples, int countryMismatchWeight, long noThreeDsAboveMinor,
                        int noThreeDsWeight, Set<String> disposableEmailDomains, int disposableEmailWeight,
                        long firstSeenHighAmountMinor, int firstSeenHighAmountWeight, String version) {

    /** A count (or multiple) that adds {@code weight} points once it reaches {@code atLeast}. */
    public record Limit(int atLeast, int weight) {
    }

    /** The pool's defaults; see the README for why each is where it is. */
    public static RiskRules defaults() {
        return new RiskRules(50, 85,
                new Limit(3, 25), new Limit(6, 20), new Limit(2, 30), new Limit(4, 15), new Limit(5, 15), new Limit(4, 10),
                new Limit(3, 35), new Limit(3, 30), new Limit(3, 30),
                new Limit(5, 20), 20, 15, 15_000, 20,
                Set.of("mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com", "trashmail.com", "tempmail.com"),
                20, 30_000, 15, "2026-11-22");
    }

    public RiskRules withThresholds(final int review, final int block) {
        return new RiskRules(review, block, cardPerHour, cardPerDay, declinesPerDay, emailPerHour, ipPerHour, addressPerDay,
                cardsPerEmail, emailsPerCard, shopsPerCard, basketMultiple, minBasketSamples, countryMismatchWeight,
                noThreeDsAboveMinor, noThreeDsWeight, disposableEmailDomains, disposableEmailWeight, firstSeenHighAmountMinor,
                firstSeenHighAmountWeight, version);
    }
}
