package org.orderpool.fraud.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Scores an order from its facts and the pool's signals with the given rules, explains the score,
 * and decides: a block-list match blocks, an allow-list match accepts (skips review), otherwise the
 * score against the review and block thresholds. No Kafka here; the topology counts the signals.
 */
public final class RiskScorer {

    public Assessment assess(final OrderFacts order, final RiskSignals signals, final RiskRules rules, final List<ListEntry> listMatches) {
        final List<Assessment.Reason> reasons = new ArrayList<>();
        count(reasons, "card-velocity-1h", rules.cardPerHour(), signals.ordersPerCardLastHour(), "orders with this card in 1 h across the pool");
        count(reasons, "card-velocity-24h", rules.cardPerDay(), signals.ordersPerCardLastDay(), "orders with this card in 24 h across the pool");
        count(reasons, "card-declines-24h", rules.declinesPerDay(), signals.declinesPerCardLastDay(), "declined payments with this card in 24 h");
        count(reasons, "email-velocity-1h", rules.emailPerHour(), signals.ordersPerEmailLastHour(), "orders with this e-mail in 1 h");
        count(reasons, "ip-velocity-1h", rules.ipPerHour(), signals.ordersPerIpLastHour(), "orders from this IP in 1 h");
        count(reasons, "address-velocity-24h", rules.addressPerDay(), signals.ordersPerShippingAddressLastDay(),
                "orders to this shipping address in 24 h");
        count(reasons, "cards-per-email-24h", rules.cardsPerEmail(), signals.distinctCardsPerEmailLastDay(),
                "different cards used with this e-mail in 24 h (card testing)");
        count(reasons, "emails-per-card-24h", rules.emailsPerCard(), signals.distinctEmailsPerCardLastDay(),
                "different e-mails used with this card in 24 h");
        count(reasons, "shops-per-card-24h", rules.shopsPerCard(), signals.distinctShopsPerCardLastDay(),
                "different shops of the pool where this card was used in 24 h");
        if (signals.shopBasketSamples() >= rules.minBasketSamples() && signals.shopUsualBasketMinor() > 0) {
            final long multiple = order.totalMinor() / signals.shopUsualBasketMinor();
            if (multiple >= rules.basketMultiple().atLeast()) {
                reasons.add(new Assessment.Reason("amount-vs-shop-basket", rules.basketMultiple().weight(), multiple + "x the usual basket",
                        "the order is " + multiple + " times the shop's usual basket of " + signals.shopUsualBasketMinor() + " " + order.currency()));
            }
        }
        countryMismatch(reasons, order, rules);
        if (!order.threeDSecureAuthenticated() && order.cardFingerprint() != null && order.totalMinor() > rules.noThreeDsAboveMinor()) {
            reasons.add(new Assessment.Reason("no-3ds-high-amount", rules.noThreeDsWeight(), order.totalMinor() + " " + order.currency()
                    + " without 3-D Secure", "card payment above " + rules.noThreeDsAboveMinor() + " without 3-D Secure authentication"));
        }
        if (rules.disposableEmailDomains().contains(order.emailDomain())) {
            reasons.add(new Assessment.Reason("disposable-email", rules.disposableEmailWeight(), order.emailDomain(),
                    "the e-mail address is at a disposable-mail domain"));
        }
        if (signals.firstSeenCustomer() && order.totalMinor() >= rules.firstSeenHighAmountMinor()) {
            reasons.add(new Assessment.Reason("first-seen-high-amount", rules.firstSeenHighAmountWeight(), order.totalMinor() + " " + order.currency(),
                    "a customer the pool has never seen, with a high amount"));
        }
        reasons.sort(Comparator.comparingInt(Assessment.Reason::weight).reversed().thenComparing(Assessment.Reason::ruleId));
        final int score = Math.min(100, reasons.stream().mapToInt(Assessment.Reason::weight).sum());
        final Optional<ListEntry> block = listMatches.stream().filter(e -> e.kind() == ListEntry.Kind.BLOCK).findFirst();
        final Optional<ListEntry> allow = listMatches.stream().filter(e -> e.kind() == ListEntry.Kind.ALLOW).findFirst();
        if (block.isPresent()) {
            return new Assessment(score, Assessment.Decision.BLOCK, reasons, block, rules.version());
        }
        if (allow.isPresent()) {
            return new Assessment(score, Assessment.Decision.ACCEPT, reasons, allow, rules.version());
        }
        final Assessment.Decision decision = score >= rules.blockAt() ? Assessment.Decision.BLOCK
                : score >= rules.reviewAt() ? Assessment.Decision.REVIEW : Assessment.Decision.ACCEPT;
        return new Assessment(score, decision, reasons, Optional.empty(), rules.version());
    }

    private static void count(final List<Assessment.Reason> reasons, final String ruleId, final RiskRules.Limit limit, final int observed,
                              final String what) {
        if (observed >= limit.atLeast()) {
            reasons.add(new Assessment.Reason(ruleId, limit.weight(), observed + " " + what, observed + " " + what
                    + " (limit " + limit.atLeast() + ")"));
        }
    }

    private static void countryMismatch(final List<Assessment.Reason> reasons, final OrderFacts order, final RiskRules rules) {
        final List<String> disagreeing = new ArrayList<>();
        if (order.cardCountry() != null && !order.cardCountry().equals(order.shippingCountry())) {
            disagreeing.add("card " + order.cardCountry());
        }
        if (order.clientIpCountry() != null && !order.clientIpCountry().equals(order.shippingCountry())) {
            disagreeing.add("IP " + order.clientIpCountry());
        }
        if (!disagreeing.isEmpty()) {
            reasons.add(new Assessment.Reason("country-mismatch", rules.countryMismatchWeight(),
                    String.join(", ", disagreeing) + " vs shipping " + order.shippingCountry(),
                    "the card's or the client IP's country differs from the shipping country"));
        }
    }
}
