package org.orderpool.fraud;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.orderpool.fraud.domain.Combination;
import org.orderpool.fraud.domain.Condition;
import org.orderpool.fraud.domain.CountRule;
import org.orderpool.fraud.domain.PoolView;
import org.orderpool.fraud.domain.RiskRules;
import org.orderpool.fraud.domain.Signal;

/**
 * The pool's rules under {@code orderpool.fraud.rules}: every weight, limit and window, and the combinations.
 * Only what is set changes anything: the rest is {@link RiskRules#defaults()}. A count rule or combination
 * named like a default one overrides only the fields it names; a new one names all of them. Everything is
 * checked at start, and an error names the property.
 */
public class RuleProperties {

    private String version;
    private Map<String, Count> counts = new LinkedHashMap<>();
    private Map<String, Combo> combinations = new LinkedHashMap<>();
    private Basket amountVsShopBasket = new Basket();
    private CustomerAmount amountVsCustomerHistory = new CustomerAmount();
    private Weight countryMismatch = new Weight();
    private Above no3dsHighAmount = new Above();
    private Disposable disposableEmail = new Disposable();
    private AtLeast firstSeenHighAmount = new AtLeast();
    private Conditions conditions = new Conditions();
    private Disputed disputedBefore = new Disputed();

    /** The rules these properties make over {@code defaults}; throws naming the property. */
    RiskRules over(final RiskRules defaults, final Duration historyMemory, final String prefix) {
        final List<CountRule> countRules = countRules(defaults, prefix + "counts.");
        final List<Combination> combos = combinations(defaults, countRules, prefix + "combinations.");
        final RiskRules.Basket basket = amountVsShopBasket.over(defaults.shopBasket(),
                prefix + RiskRules.SHOP_BASKET + ".");
        final RiskRules.CustomerAmount customer = amountVsCustomerHistory.over(defaults.customerAmount(),
                prefix + RiskRules.CUSTOMER_AMOUNT + ".");
        final int mismatch = weight(countryMismatch.weight, defaults.countryMismatchWeight(),
                prefix + RiskRules.COUNTRY_MISMATCH + ".weight");
        final RiskRules.Amount noThreeDs = no3dsHighAmount.over(defaults.noThreeDs(), prefix + RiskRules.NO_3DS + ".");
        final RiskRules.DisposableEmail disposable = disposableEmail.over(defaults.disposableEmail(),
                prefix + RiskRules.DISPOSABLE_EMAIL + ".");
        final RiskRules.Amount firstSeen = firstSeenHighAmount.over(defaults.firstSeenHighAmount(),
                prefix + RiskRules.FIRST_SEEN + ".");
        final RiskRules.Conditions meaning = conditions.over(defaults.conditions(), historyMemory, prefix + "conditions.");
        final RiskRules.Disputes disputes = disputedBefore.over(defaults.disputes(), prefix + RiskRules.DISPUTED_BEFORE + ".");
        final boolean named = version != null && !version.isBlank();
        final RiskRules rules = new RiskRules(defaults.reviewAt(), defaults.blockAt(), countRules, basket, customer, mismatch,
                noThreeDs, disposable, firstSeen, meaning, combos, disputes, named ? version.strip() : defaults.version());
        if (!named && !rules.equals(defaults)) {
            throw new IllegalArgumentException(prefix + "version must be set when the rules differ from the defaults, so that "
                    + "every assessment names the ruleset it was scored with");
        }
        return rules;
    }

    private List<CountRule> countRules(final RiskRules defaults, final String prefix) {
        final Map<String, CountRule> merged = new LinkedHashMap<>();
        defaults.counts().forEach(rule -> merged.put(rule.id(), rule));
        counts.forEach((id, count) -> {
            requireId(id, prefix + id);
            merged.put(id, count.over(id, merged.get(id), prefix + id + "."));
        });
        return List.copyOf(merged.values());
    }

    private List<Combination> combinations(final RiskRules defaults, final List<CountRule> countRules, final String prefix) {
        final Map<String, Combination> merged = new LinkedHashMap<>();
        defaults.combinations().forEach(rule -> merged.put(rule.id(), rule));
        combinations.forEach((id, combo) -> {
            requireId(id, prefix + id);
            merged.put(id, combo.over(id, merged.get(id), prefix + id + "."));
        });
        final Set<String> ruleIds = new HashSet<>(RiskRules.ORDER_RULES);
        countRules.forEach(rule -> ruleIds.add(rule.id()));
        for (final Combination combination : merged.values()) {
            final String property = prefix + combination.id() + ".all-of";
            if (ruleIds.contains(combination.id())) {
                throw new IllegalArgumentException(prefix + combination.id() + " has the id of a count rule or of a rule on "
                        + "the order alone; a combination needs an id of its own");
            }
            for (final String part : combination.allOf()) {
                if (Condition.byConfigName(part).isEmpty() && !ruleIds.contains(part)) {
                    throw new IllegalArgumentException(property + " names \"" + part + "\", which is neither a condition ("
                            + Condition.configNames() + ") nor the id of a count rule or of a rule on the order alone ("
                            + String.join(", ", RiskRules.ORDER_RULES) + ")");
                }
            }
        }
        return List.copyOf(merged.values());
    }

    private static void requireId(final String id, final String property) {
        if (RiskRules.ORDER_RULES.contains(id) || Condition.byConfigName(id).isPresent()) {
            throw new IllegalArgumentException(property + ": \"" + id
                    + "\" is taken by a rule on the order alone or a condition");
        }
    }

    /** One count rule: what it counts, over which window, from which count on, and its weight. */
    public static class Count {
        private String signal;
        private Duration window;
        private Integer atLeast;
        private Integer weight;

        CountRule over(final String id, final CountRule base, final String prefix) {
            if (base == null) {
                requireSet(signal, prefix + "signal");
                requireSet(window, prefix + "window");
                requireSet(atLeast, prefix + "at-least");
                requireSet(weight, prefix + "weight");
            }
            final Signal counted = signal == null ? base.signal() : Signal.byConfigName(signal.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new IllegalArgumentException(prefix + "signal must be one of " + Signal.configNames()
                            + ", was \"" + signal + "\""));
            final Duration over = window == null ? base.window() : window;
            if (over.isNegative() || over.isZero() || over.compareTo(PoolView.LONGEST_WINDOW) > 0) {
                throw new IllegalArgumentException(prefix + "window must be a positive duration of at most "
                        + PoolView.LONGEST_WINDOW.toHours() + "h (the pool view remembers observations "
                        + PoolView.MEMORY.toHours() + " hours), was " + over);
            }
            final int from = atLeast == null ? base.atLeast() : atLeast;
            if (from < 1 || from > PoolView.READ_LIMIT) {
                throw new IllegalArgumentException(prefix + "at-least must be from 1 to " + PoolView.READ_LIMIT
                        + " (the pool view reads at most " + PoolView.READ_LIMIT + " observations per key), was " + from);
            }
            return new CountRule(id, counted, over, from, weight(weight, base == null ? 0 : base.weight(), prefix + "weight"));
        }

        public String getSignal() {
            return signal;
        }

        public void setSignal(final String signal) {
            this.signal = signal;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(final Duration window) {
            this.window = window;
        }

        public Integer getAtLeast() {
            return atLeast;
        }

        public void setAtLeast(final Integer atLeast) {
            this.atLeast = atLeast;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }
    }

    /** One combination: the conditions and rules that must all hold, and its weight. */
    public static class Combo {
        private Integer weight;
        private List<String> allOf;
        private String group;

        Combination over(final String id, final Combination base, final String prefix) {
            if (base == null) {
                requireSet(weight, prefix + "weight");
                requireSet(allOf, prefix + "all-of");
            }
            final List<String> parts = allOf == null ? base.allOf()
                    : allOf.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).toList();
            if (parts.isEmpty()) {
                throw new IllegalArgumentException(prefix + "all-of must name at least one condition or rule");
            }
            return new Combination(id, weight(weight, base == null ? 0 : base.weight(), prefix + "weight"), parts,
                    group == null ? base == null ? null : base.group() : group.strip().toLowerCase(Locale.ROOT));
        }

        public String getGroup() {
            return group;
        }

        public void setGroup(final String group) {
            this.group = group;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }

        public List<String> getAllOf() {
            return allOf;
        }

        public void setAllOf(final List<String> allOf) {
            this.allOf = allOf;
        }
    }

    /** {@value RiskRules#SHOP_BASKET}: multiple of the shop's usual basket, weight, orders needed to know the basket. */
    public static class Basket {
        private Integer multiple;
        private Integer weight;
        private Integer minSamples;

        RiskRules.Basket over(final RiskRules.Basket base, final String prefix) {
            return new RiskRules.Basket(atLeastOne(multiple, base.multiple(), prefix + "multiple"),
                    weight(weight, base.weight(), prefix + "weight"),
                    atLeastOne(minSamples, base.minSamples(), prefix + "min-samples"));
        }

        public Integer getMultiple() {
            return multiple;
        }

        public void setMultiple(final Integer multiple) {
            this.multiple = multiple;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }

        public Integer getMinSamples() {
            return minSamples;
        }

        public void setMinSamples(final Integer minSamples) {
            this.minSamples = minSamples;
        }
    }

    /** {@value RiskRules#CUSTOMER_AMOUNT}: multiple of the customer's usual total, weight, earlier orders needed. */
    public static class CustomerAmount {
        private Integer multiple;
        private Integer weight;
        private Integer minOrders;

        RiskRules.CustomerAmount over(final RiskRules.CustomerAmount base, final String prefix) {
            return new RiskRules.CustomerAmount(atLeastOne(multiple, base.multiple(), prefix + "multiple"),
                    weight(weight, base.weight(), prefix + "weight"),
                    atLeastOne(minOrders, base.minOrders(), prefix + "min-orders"));
        }

        public Integer getMultiple() {
            return multiple;
        }

        public void setMultiple(final Integer multiple) {
            this.multiple = multiple;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }

        public Integer getMinOrders() {
            return minOrders;
        }

        public void setMinOrders(final Integer minOrders) {
            this.minOrders = minOrders;
        }
    }

    /** A rule with only a weight. */
    public static class Weight {
        private Integer weight;

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }
    }

    /** {@value RiskRules#NO_3DS}: the amount (minor units) a card payment without 3-D Secure is above, and the weight. */
    public static class Above {
        private Long above;
        private Integer weight;

        RiskRules.Amount over(final RiskRules.Amount base, final String prefix) {
            return new RiskRules.Amount(amount(above, base.minor(), prefix + "above"),
                    weight(weight, base.weight(), prefix + "weight"));
        }

        public Long getAbove() {
            return above;
        }

        public void setAbove(final Long above) {
            this.above = above;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }
    }

    /** {@value RiskRules#FIRST_SEEN}: the amount (minor units) a new customer's order is at least, and the weight. */
    public static class AtLeast {
        private Long atLeast;
        private Integer weight;

        RiskRules.Amount over(final RiskRules.Amount base, final String prefix) {
            return new RiskRules.Amount(amount(atLeast, base.minor(), prefix + "at-least"),
                    weight(weight, base.weight(), prefix + "weight"));
        }

        public Long getAtLeast() {
            return atLeast;
        }

        public void setAtLeast(final Long atLeast) {
            this.atLeast = atLeast;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }
    }

    /** {@value RiskRules#DISPOSABLE_EMAIL}: the domains (replacing the default list when set) and the weight. */
    public static class Disposable {
        private List<String> domains;
        private Integer weight;

        RiskRules.DisposableEmail over(final RiskRules.DisposableEmail base, final String prefix) {
            final Set<String> set = domains == null ? base.domains()
                    : Set.copyOf(domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty())
                            .toList());
            return new RiskRules.DisposableEmail(set, weight(weight, base.weight(), prefix + "weight"));
        }

        public List<String> getDomains() {
            return domains;
        }

        public void setDomains(final List<String> domains) {
            this.domains = domains;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }
    }

    /**
     * The {@value RiskRules#DISPUTED_BEFORE} rule: its weight, its window (how long after the pool took a dispute's report
     * it counts; the pool keeps disputes this long), and which kinds (chargeback, inquiry, unknown) and reasons (the
     * platform's lower-case names) count.
     */
    public static class Disputed {
        private static final Set<String> KINDS = Set.of("chargeback", "inquiry", "unknown");
        private Integer weight;
        private Duration window;
        private List<String> kinds;
        private List<String> reasons;

        RiskRules.Disputes over(final RiskRules.Disputes base, final String prefix) {
            final Duration within = window == null ? base.window() : window;
            if (within.isNegative() || within.isZero() || within.compareTo(Duration.ofDays(3_650)) > 0) {
                throw new IllegalArgumentException(prefix + "window must be a positive duration of at most 3650 days, was " + within);
            }
            final Set<String> counted = names(kinds, base.kinds(), prefix + "kinds");
            for (final String kind : counted) {
                if (!KINDS.contains(kind)) {
                    throw new IllegalArgumentException(prefix + "kinds must name only chargeback, inquiry or unknown, was " + kind);
                }
            }
            return new RiskRules.Disputes(weight(weight, base.weight(), prefix + "weight"), within, counted,
                    names(reasons, base.reasons(), prefix + "reasons"));
        }

        private static Set<String> names(final List<String> set, final Set<String> base, final String property) {
            if (set == null) {
                return base;
            }
            final Set<String> names = new HashSet<>();
            for (final String name : set) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException(property + " must not name an empty value");
                }
                names.add(name.strip().toLowerCase(Locale.ROOT));
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException(property + " must name at least one value (set the weight to 0 to turn the rule off)");
            }
            return names;
        }

        public Integer getWeight() {
            return weight;
        }

        public void setWeight(final Integer weight) {
            this.weight = weight;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(final Duration window) {
            this.window = window;
        }

        public List<String> getKinds() {
            return kinds;
        }

        public void setKinds(final List<String> kinds) {
            this.kinds = kinds;
        }

        public List<String> getReasons() {
            return reasons;
        }

        public void setReasons(final List<String> reasons) {
            this.reasons = reasons;
        }
    }

    /** What the conditions of combinations mean. */
    public static class Conditions {
        private Duration newWithin;
        private Long smallAmount;
        private Integer largeBasketMultiple;

        RiskRules.Conditions over(final RiskRules.Conditions base, final Duration historyMemory, final String prefix) {
            final Duration within = newWithin == null ? base.newWithin() : newWithin;
            if (within.isNegative() || within.isZero() || within.compareTo(historyMemory) > 0) {
                throw new IllegalArgumentException(prefix + "new-within must be a positive duration of at most the pool's "
                        + "memory of " + historyMemory.toDays() + " days, was " + within);
            }
            return new RiskRules.Conditions(within, amount(smallAmount, base.smallAmountMinor(), prefix + "small-amount"),
                    atLeastOne(largeBasketMultiple, base.largeBasketMultiple(), prefix + "large-basket-multiple"));
        }

        public Duration getNewWithin() {
            return newWithin;
        }

        public void setNewWithin(final Duration newWithin) {
            this.newWithin = newWithin;
        }

        public Long getSmallAmount() {
            return smallAmount;
        }

        public void setSmallAmount(final Long smallAmount) {
            this.smallAmount = smallAmount;
        }

        public Integer getLargeBasketMultiple() {
            return largeBasketMultiple;
        }

        public void setLargeBasketMultiple(final Integer largeBasketMultiple) {
            this.largeBasketMultiple = largeBasketMultiple;
        }
    }

    private static int weight(final Integer set, final int base, final String property) {
        final int weight = set == null ? base : set;
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException(property + " must be from 0 (adds nothing) to 100, was " + weight);
        }
        return weight;
    }

    private static long amount(final Long set, final long base, final String property) {
        final long minor = set == null ? base : set;
        if (minor < 0) {
            throw new IllegalArgumentException(property + " must be an amount in minor units (15000 is 150.00) of 0 or more, was "
                    + minor);
        }
        return minor;
    }

    private static int atLeastOne(final Integer set, final int base, final String property) {
        final int value = set == null ? base : set;
        if (value < 1) {
            throw new IllegalArgumentException(property + " must be 1 or more, was " + value);
        }
        return value;
    }

    private static void requireSet(final Object value, final String property) {
        if (value == null) {
            throw new IllegalArgumentException(property + " must be set for a rule that is not one of the defaults");
        }
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(final String version) {
        this.version = version;
    }

    public Map<String, Count> getCounts() {
        return counts;
    }

    public void setCounts(final Map<String, Count> counts) {
        this.counts = counts;
    }

    public Map<String, Combo> getCombinations() {
        return combinations;
    }

    public void setCombinations(final Map<String, Combo> combinations) {
        this.combinations = combinations;
    }

    public Basket getAmountVsShopBasket() {
        return amountVsShopBasket;
    }

    public void setAmountVsShopBasket(final Basket amountVsShopBasket) {
        this.amountVsShopBasket = amountVsShopBasket;
    }

    public CustomerAmount getAmountVsCustomerHistory() {
        return amountVsCustomerHistory;
    }

    public void setAmountVsCustomerHistory(final CustomerAmount amountVsCustomerHistory) {
        this.amountVsCustomerHistory = amountVsCustomerHistory;
    }

    public Weight getCountryMismatch() {
        return countryMismatch;
    }

    public void setCountryMismatch(final Weight countryMismatch) {
        this.countryMismatch = countryMismatch;
    }

    public Above getNo3dsHighAmount() {
        return no3dsHighAmount;
    }

    public void setNo3dsHighAmount(final Above no3dsHighAmount) {
        this.no3dsHighAmount = no3dsHighAmount;
    }

    public Disposable getDisposableEmail() {
        return disposableEmail;
    }

    public void setDisposableEmail(final Disposable disposableEmail) {
        this.disposableEmail = disposableEmail;
    }

    public AtLeast getFirstSeenHighAmount() {
        return firstSeenHighAmount;
    }

    public void setFirstSeenHighAmount(final AtLeast firstSeenHighAmount) {
        this.firstSeenHighAmount = firstSeenHighAmount;
    }

    public Disputed getDisputedBefore() {
        return disputedBefore;
    }

    public void setDisputedBefore(final Disputed disputedBefore) {
        this.disputedBefore = disputedBefore;
    }

    public Conditions getConditions() {
        return conditions;
    }

    public void setConditions(final Conditions conditions) {
        this.conditions = conditions;
    }
}
