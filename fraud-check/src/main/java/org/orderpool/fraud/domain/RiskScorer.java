package org.orderpool.fraud.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores an order from its facts and the pool's signals with the given rules, explains the score,
 * and decides: a block-list match blocks, an allow-list match accepts (skips review), otherwise the
 * score against the review and block thresholds. Every rule that fires, a combination too, is a reason
 * with what it saw. No Kafka here; the topology counts the signals.
 */
public final class RiskScorer {

    public Assessment assess(final OrderFacts order, final RiskSignals signals, final RiskRules rules,
                             final List<ListEntry> listMatches) {
        final Map<String, Assessment.Reason> fired = new LinkedHashMap<>();
        for (final CountRule rule : rules.counts()) {
            final int observed = signals.count(rule.id());
            if (observed >= rule.atLeast()) {
                final String what = observed + (observed >= PoolView.READ_LIMIT ? " or more " : " ") + rule.signal().phrase()
                        + " in " + Readable.duration(rule.window());
                fire(fired, rule.id(), rule.weight(), what, what + " across the pool (limit " + rule.atLeast() + ")");
            }
        }
        amounts(fired, order, signals, rules);
        countryMismatch(fired, order, rules);
        if (order.card() && !order.threeDSecureAuthenticated() && order.totalMinor() > rules.noThreeDs().minor()) {
            fire(fired, RiskRules.NO_3DS, rules.noThreeDs().weight(), amount(order, order.totalMinor()) + " without 3-D Secure",
                    "card payment above " + amount(order, rules.noThreeDs().minor()) + " without 3-D Secure authentication");
        }
        if (rules.disposableEmail().domains().contains(order.emailDomain())) {
            fire(fired, RiskRules.DISPOSABLE_EMAIL, rules.disposableEmail().weight(), order.emailDomain(),
                    "the e-mail address is at a disposable-mail domain");
        }
        if (signals.firstSeenCustomer() && order.totalMinor() >= rules.firstSeenHighAmount().minor()) {
            fire(fired, RiskRules.FIRST_SEEN, rules.firstSeenHighAmount().weight(), amount(order, order.totalMinor()),
                    "a customer (e-mail) the pool has never seen, with " + amount(order, rules.firstSeenHighAmount().minor())
                            + " or more");
        }
        disputedBefore(fired, order, signals, rules);
        final List<Assessment.Reason> reasons = new ArrayList<>(fired.values().stream().filter(r -> r.weight() > 0).toList());
        final Map<String, Assessment.Reason> heaviestOfGroup = new LinkedHashMap<>();
        final List<Assessment.Reason> grouped = new ArrayList<>();
        for (final Combination combination : rules.combinations()) {
            final Optional<Assessment.Reason> reason = combined(combination, order, signals, rules, fired).filter(r -> r.weight() > 0);
            if (reason.isPresent() && combination.group() != null) {
                grouped.add(reason.get());
                heaviestOfGroup.merge(combination.group(), reason.get(), (a, b) -> b.weight() > a.weight() ? b : a);
            } else {
                reason.ifPresent(reasons::add);
            }
        }
        for (final Assessment.Reason reason : grouped) {
            final String group = groupOf(rules, reason.ruleId());
            reasons.add(heaviestOfGroup.get(group) == reason ? reason : new Assessment.Reason(reason.ruleId(), 0, reason.observed(),
                    reason.description() + " (group " + group + " counts once: " + heaviestOfGroup.get(group).ruleId() + " added "
                            + heaviestOfGroup.get(group).weight() + ")"));
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
        // A payment the customer disputed before says how they treat their own card, not that this payment is stolen: it
        // sends an order to review and never adds to a block (an honest customer whose parcel was once lost is asked about,
        // not refused).
        final int disputeWeight = reasons.stream().filter(r -> r.ruleId().equals(RiskRules.DISPUTED_BEFORE))
                .mapToInt(Assessment.Reason::weight).sum();
        final int blockScore = Math.min(100, reasons.stream().mapToInt(Assessment.Reason::weight).sum() - disputeWeight);
        final Assessment.Decision decision = blockScore >= rules.blockAt() ? Assessment.Decision.BLOCK
                : score >= rules.reviewAt() ? Assessment.Decision.REVIEW : Assessment.Decision.ACCEPT;
        return new Assessment(score, decision, reasons, Optional.empty(), rules.version());
    }

    private static String groupOf(final RiskRules rules, final String combinationId) {
        return rules.combinations().stream().filter(c -> c.id().equals(combinationId)).findFirst().map(Combination::group).orElseThrow();
    }

    /** The combination's reason when every part holds: what each part saw, in the order the rule lists them. */
    private static Optional<Assessment.Reason> combined(final Combination combination, final OrderFacts order,
                                                        final RiskSignals signals, final RiskRules rules,
                                                        final Map<String, Assessment.Reason> fired) {
        final List<String> seen = new ArrayList<>();
        for (final String part : combination.allOf()) {
            final Optional<String> saw = Condition.byConfigName(part).map(c -> c.seen(order, signals, rules))
                    .orElseGet(() -> Optional.ofNullable(fired.get(part)).map(Assessment.Reason::observed));
            if (saw.isEmpty()) {
                return Optional.empty();
            }
            seen.add(saw.get());
        }
        return Optional.of(new Assessment.Reason(combination.id(), combination.weight(), String.join("; ", seen),
                "all of: " + String.join(", ", combination.allOf())));
    }

    /**
     * The amount against the customer's own history and against the shop's basket. A customer whose history
     * covers the amount (a loyal big spender) is not weighed against the shop's basket.
     */
    private static void amounts(final Map<String, Assessment.Reason> fired, final OrderFacts order, final RiskSignals signals,
                                final RiskRules rules) {
        final History customer = signals.email();
        final RiskRules.CustomerAmount own = rules.customerAmount();
        final boolean historyKnown = customer.orders() >= own.minOrders() && customer.usualMinor() > 0;
        final long ofUsual = historyKnown ? order.totalMinor() / customer.usualMinor() : 0;
        if (historyKnown && ofUsual >= own.multiple()) {
            fire(fired, RiskRules.CUSTOMER_AMOUNT, own.weight(),
                    ofUsual + "x the customer's usual " + amount(order, customer.usualMinor()),
                    "the order is " + ofUsual + " times what this customer (e-mail) usually spends in the pool, "
                            + amount(order, customer.usualMinor()) + " over " + customer.orders() + " orders");
        }
        if (signals.shopBasketKnown(rules) && !(historyKnown && ofUsual < own.multiple())) {
            final long multiple = order.totalMinor() / signals.shopUsualBasketMinor();
            if (multiple >= rules.shopBasket().multiple()) {
                fire(fired, RiskRules.SHOP_BASKET, rules.shopBasket().weight(), multiple + "x the usual basket",
                        "the order is " + multiple + " times the shop's usual basket of "
                                + amount(order, signals.shopUsualBasketMinor()));
            }
        }
    }

    /**
     * The order's card, e-mail or address disputed a payment within the rule's window: says which identity, how long ago,
     * the kind and reason of the latest such dispute, whether at another shop, and how many disputes (each dispute once).
     */
    private static void disputedBefore(final Map<String, Assessment.Reason> fired, final OrderFacts order, final RiskSignals signals,
                                       final RiskRules rules) {
        final RiskRules.Disputes rule = rules.disputes();
        final List<DisputeMark> counted = signals.disputes().stream().filter(rule::counts)
                .filter(mark -> signals.atMillis() - mark.reportedAtMillis() <= rule.window().toMillis())
                .sorted(Comparator.comparingLong(DisputeMark::reportedAtMillis).reversed()).toList();
        if (counted.isEmpty()) {
            return;
        }
        final DisputeMark latest = counted.get(0);
        final long disputes = counted.stream().map(DisputeMark::disputeId).distinct().count();
        final List<String> identities = counted.stream().filter(m -> m.disputeId().equals(latest.disputeId()))
                .sorted(Comparator.comparing(DisputeMark::identity)).map(DisputeMark::identityName).distinct().toList();
        final String named = identities.size() == 1 ? identities.get(0)
                : String.join(", ", identities.subList(0, identities.size() - 1)) + " and " + identities.get(identities.size() - 1);
        final String what = named + " disputed a payment "
                + Readable.age(Duration.ofMillis(Math.max(0, signals.atMillis() - latest.reportedAtMillis()))) + " ago ("
                + latest.kind() + ", " + latest.reason() + ") " + (latest.shopId().equals(order.shopId()) ? "at this shop" : "at another shop")
                + (disputes > 1 ? "; " + disputes + " disputes in " + Readable.duration(rule.window()) : "");
        fire(fired, RiskRules.DISPUTED_BEFORE, rule.weight(), what, "the order's card, e-mail or shipping address disputed a payment "
                + "at a shop of the pool within " + Readable.duration(rule.window()));
    }

    private static void countryMismatch(final Map<String, Assessment.Reason> fired, final OrderFacts order,
                                        final RiskRules rules) {
        final List<String> disagreeing = new ArrayList<>();
        if (order.cardCountry() != null && !order.cardCountry().equals(order.shippingCountry())) {
            disagreeing.add("card " + order.cardCountry());
        }
        if (order.clientIpCountry() != null && !order.clientIpCountry().equals(order.shippingCountry())) {
            disagreeing.add("IP " + order.clientIpCountry());
        }
        if (!disagreeing.isEmpty()) {
            fire(fired, RiskRules.COUNTRY_MISMATCH, rules.countryMismatchWeight(),
                    String.join(", ", disagreeing) + " vs shipping " + order.shippingCountry(),
                    "the card's or the client IP's country differs from the shipping country");
        }
    }

    private static void fire(final Map<String, Assessment.Reason> fired, final String ruleId, final int weight,
                             final String observed, final String description) {
        fired.put(ruleId, new Assessment.Reason(ruleId, weight, observed, description));
    }

    private static String amount(final OrderFacts order, final long minor) {
        return Readable.amount(minor, order.currency());
    }
}
