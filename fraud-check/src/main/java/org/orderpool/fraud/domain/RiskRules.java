package org.orderpool.fraud.domain;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pool's rules: data, loaded from configuration ({@code orderpool.fraud.rules}), with the review and
 * block thresholds overridable per shop. Each rule that fires adds its weight and says what it saw; the
 * score is the sum, capped at 100.
 *
 * @param reviewAt             scores at or above this are held for review
 * @param blockAt              scores at or above this are blocked
 * @param counts               the rules that count what the pool saw under the order's traits in a window
 * @param shopBasket           {@value #SHOP_BASKET}: an order worth this many times the shop's usual basket, once the
 *                             shop has {@code minSamples} orders, unless the customer's own history covers the amount
 * @param customerAmount       {@value #CUSTOMER_AMOUNT}: an order worth this many times the customer's (the e-mail's)
 *                             usual total, once the customer has {@code minOrders} earlier orders
 * @param countryMismatchWeight {@value #COUNTRY_MISMATCH}: the card's or the IP's country is not the shipping country
 * @param noThreeDs            {@value #NO_3DS}: a card payment above the amount without 3-D Secure
 * @param disposableEmail      {@value #DISPOSABLE_EMAIL}: an e-mail at one of the domains
 * @param firstSeenHighAmount  {@value #FIRST_SEEN}: an e-mail new to the pool with at least the amount
 * @param conditions           what the conditions of combinations mean ({@link Condition})
 * @param combinations         the rules that fire on a combination of conditions and other rules
 * @param disputes             {@value #DISPUTED_BEFORE}: the order's card, e-mail or shipping address disputed a payment
 *                             (a chargeback or an inquiry of a kind and reason it counts) at any shop of the pool within its window
 * @param version              the ruleset's name, on every assessment
 */
public record RiskRules(int reviewAt, int blockAt, List<CountRule> counts, Basket shopBasket, CustomerAmount customerAmount,
                        int countryMismatchWeight, Amount noThreeDs, DisposableEmail disposableEmail, Amount firstSeenHighAmount,
                        Conditions conditions, List<Combination> combinations, Disputes disputes, String version) {

    public static final String SHOP_BASKET = "amount-vs-shop-basket";
    public static final String CUSTOMER_AMOUNT = "amount-vs-customer-history";
    public static final String COUNTRY_MISMATCH = "country-mismatch";
    public static final String NO_3DS = "no-3ds-high-amount";
    public static final String DISPOSABLE_EMAIL = "disposable-email";
    public static final String FIRST_SEEN = "first-seen-high-amount";
    public static final String DISPUTED_BEFORE = "disputed-before";
    /** The default combinations that see an account takeover, each in its own way: together they add one weight. */
    public static final String TAKEOVER_GROUP = "account-takeover";
    /** The ids of the rules that look at the order alone; count rules and combinations name their own. */
    public static final List<String> ORDER_RULES = List.of(SHOP_BASKET, CUSTOMER_AMOUNT, COUNTRY_MISMATCH, NO_3DS, DISPOSABLE_EMAIL,
            FIRST_SEEN, DISPUTED_BEFORE);

    public RiskRules {
        counts = List.copyOf(counts);
        combinations = List.copyOf(combinations);
    }

    /** {@code multiple} times the shop's usual basket adds {@code weight}, once the shop has {@code minSamples} orders. */
    public record Basket(int multiple, int weight, int minSamples) {
    }

    /** {@code multiple} times the customer's usual total adds {@code weight}, once it has {@code minOrders} earlier orders. */
    public record CustomerAmount(int multiple, int weight, int minOrders) {
    }

    /** An amount in minor units and the weight it adds. */
    public record Amount(long minor, int weight) {
    }

    /** The disposable-mail domains (lower case) and the weight an e-mail at one of them adds. */
    public record DisposableEmail(Set<String> domains, int weight) {
        public DisposableEmail {
            domains = Set.copyOf(domains);
        }
    }

    /**
     * What the conditions of combinations mean: a card, e-mail or address is new when the pool first saw it
     * less than {@code newWithin} ago (or never); an amount is small up to {@code smallAmountMinor}; a basket
     * is large from {@code largeBasketMultiple} times the shop's usual basket (from {@link RiskRules#firstSeenHighAmount}
     * while the shop's basket is not known yet).
     */
    public record Conditions(Duration newWithin, long smallAmountMinor, int largeBasketMultiple) {
    }

    /**
     * A card, e-mail or shipping address that disputed a payment adds {@code weight} to an order of it within {@code window}
     * of the pool's report of the dispute, when the dispute's kind is one of {@code kinds} and its reason one of
     * {@code reasons} (lower case, the platform's names).
     */
    public record Disputes(int weight, Duration window, Set<String> kinds, Set<String> reasons) {
        public Disputes {
            kinds = Set.copyOf(kinds);
            reasons = Set.copyOf(reasons);
        }

        /** Whether a dispute of this kind and reason counts. */
        public boolean counts(final DisputeMark mark) {
            return kinds.contains(mark.kind()) && reasons.contains(mark.reason());
        }
    }

    /** A count rule and the points it adds once its count reaches {@code atLeast}. */
    private static CountRule count(final String id, final Signal signal, final Duration window, final int atLeast,
                                   final int weight) {
        return new CountRule(id, signal, window, atLeast, weight);
    }

    /** The pool's defaults, tuned on FraudQualityBenchmark (docs/fraud-quality.md); the README says why each is where it is. */
    public static RiskRules defaults() {
        final Duration halfHour = Duration.ofMinutes(30);
        final Duration hour = Duration.ofHours(1);
        final Duration day = Duration.ofDays(1);
        return new RiskRules(50, 85,
                List.of(count("card-velocity-1h", Signal.ORDERS_PER_CARD, hour, 3, 25),
                        count("card-velocity-24h", Signal.ORDERS_PER_CARD, day, 6, 20),
                        count("card-declines-24h", Signal.DECLINES_PER_CARD, day, 2, 30),
                        count("emails-per-card-24h", Signal.EMAILS_PER_CARD, day, 3, 30),
                        count("two-emails-per-card-1h", Signal.EMAILS_PER_CARD, hour, 2, 0),
                        count("names-per-card-24h", Signal.NAMES_PER_CARD, day, 3, 25),
                        count("shops-per-card-24h", Signal.SHOPS_PER_CARD, day, 3, 30),
                        count("email-velocity-1h", Signal.ORDERS_PER_EMAIL, hour, 4, 15),
                        count("email-declines-24h", Signal.DECLINES_PER_EMAIL, day, 3, 25),
                        count("cards-per-email-24h", Signal.CARDS_PER_EMAIL, day, 3, 35),
                        count("two-cards-per-email-1h", Signal.CARDS_PER_EMAIL, hour, 2, 0),
                        count("three-cards-per-email-1h", Signal.CARDS_PER_EMAIL, hour, 3, 0),
                        count("two-declines-per-email-1h", Signal.DECLINES_PER_EMAIL, hour, 2, 0),
                        count("ip-velocity-1h", Signal.ORDERS_PER_IP, hour, 5, 15),
                        count("ip-declines-1h", Signal.DECLINES_PER_IP, hour, 3, 25),
                        count("cards-per-ip-1h", Signal.CARDS_PER_IP, hour, 4, 10),
                        count("bin-cards-per-ip-1h", Signal.BIN_CARDS_PER_IP, hour, 3, 15),
                        count("two-bin-cards-per-ip-1h", Signal.BIN_CARDS_PER_IP, hour, 2, 0),
                        count("address-velocity-24h", Signal.ORDERS_PER_ADDRESS, day, 4, 10),
                        count("cards-per-address-24h", Signal.CARDS_PER_ADDRESS, day, 3, 15),
                        count("emails-per-address-24h", Signal.EMAILS_PER_ADDRESS, day, 3, 5),
                        count("names-per-address-24h", Signal.NAMES_PER_ADDRESS, day, 3, 10),
                        count("cards-per-address-30m", Signal.CARDS_PER_ADDRESS, halfHour, 2, 0),
                        count("names-per-address-30m", Signal.NAMES_PER_ADDRESS, halfHour, 2, 0),
                        count("bin-velocity-1h", Signal.ORDERS_PER_BIN, hour, 20, 0),
                        count("cards-per-bin-1h", Signal.CARDS_PER_BIN, hour, 8, 0)),
                new Basket(5, 20, 20), new CustomerAmount(4, 15, 2), 15, new Amount(15_000, 20),
                new DisposableEmail(Set.of("mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com", "trashmail.com",
                        "tempmail.com"), 20),
                new Amount(30_000, 15),
                new Conditions(hour, 1_000, 3),
                List.of(new Combination("first-order-abroad-no-3ds", 35,
                                List.of("no-3ds", "new-email", "new-card", "card-abroad", "ip-abroad", "card-ip-differ")),
                        new Combination("reshipping-drop", 50,
                                List.of("cards-per-address-30m", "names-per-address-30m", "new-address")),
                        new Combination("bin-attack", 40, List.of("bin-cards-per-ip-1h", "new-card", "small-amount")),
                        new Combination("bin-attack-abroad", 40, List.of("two-bin-cards-per-ip-1h", "new-card", "ip-abroad")),
                        new Combination("card-testing", 50, List.of("three-cards-per-email-1h", "new-card", "small-amount")),
                        new Combination("card-testing-declines", 50,
                                List.of("two-cards-per-email-1h", "two-declines-per-email-1h", "small-amount")),
                        new Combination("card-testing-new-account", 50,
                                List.of("two-cards-per-email-1h", "new-email", "new-card", "small-amount", "card-abroad")),
                        new Combination("card-shared-by-emails", 50, List.of("two-emails-per-card-1h", "no-3ds")),
                        new Combination("account-takeover", 35, List.of("known-email", "new-card", "new-address"), TAKEOVER_GROUP),
                        new Combination("account-takeover-card-and-ip-country", 50,
                                List.of("known-email", "card-new-to-email", "ip-country-new-to-email", "ip-abroad"), TAKEOVER_GROUP),
                        new Combination("account-takeover-foreign-card", 50,
                                List.of("known-email", "card-new-to-email", "card-country-new-to-email"), TAKEOVER_GROUP),
                        new Combination("account-takeover-new-contact", 50,
                                List.of("known-email", "address-new-to-email", "phone-new-to-email"), TAKEOVER_GROUP),
                        new Combination("account-takeover-express", 50,
                                List.of("known-email", "card-new-to-email", "address-new-to-email", "express-shipping"), TAKEOVER_GROUP)),
                // A serial offender: an identity that disputed a payment at any shop within the year. It sends the order to review,
                // and RiskScorer never counts it toward a block: the customer may be honest, and a dispute can be a real non-delivery. Disputes of the
                // merchant's doing (duplicate, credit_not_processed, subscription_canceled, product_unacceptable) do not count.
                new Disputes(50, Duration.ofDays(365), Set.of("chargeback", "inquiry"),
                        Set.of("fraudulent", "unrecognized", "product_not_received", "general")),
                "2026-12-02.4");
    }

    public RiskRules withThresholds(final int review, final int block) {
        return new RiskRules(review, block, counts, shopBasket, customerAmount, countryMismatchWeight, noThreeDs, disposableEmail,
                firstSeenHighAmount, conditions, combinations, disputes, version);
    }

    /**
     * The traits a count rule that matters looks at (one with a weight, or one a combination requires): the pool
     * view remembers and reads only these, so a signal nobody weighs costs nothing.
     */
    public Set<Trait> traits() {
        final Set<String> required = new HashSet<>();
        combinations.forEach(combination -> required.addAll(combination.allOf()));
        final Set<Trait> traits = EnumSet.noneOf(Trait.class);
        counts.stream().filter(rule -> rule.weight() > 0 || required.contains(rule.id()))
                .forEach(rule -> traits.add(rule.signal().trait()));
        return traits;
    }
}
