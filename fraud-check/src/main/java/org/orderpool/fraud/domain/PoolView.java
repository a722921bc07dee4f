package org.orderpool.fraud.domain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Turns what the pool remembers (the observations of the last 24 hours under the order's card, e-mail,
 * IP, shipping address and BIN, this order included, at most {@link #READ_LIMIT} each) into the counts
 * the rules weigh, and the order's long histories into the signals beside them.
 */
public final class PoolView {

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);
    /** The longest window a count rule may count over. */
    public static final Duration LONGEST_WINDOW = DAY;
    /** How far out of acceptance order the orders of several partitions may reach the pool view and still count. */
    public static final Duration OUT_OF_ORDER = Duration.ofHours(1);
    /** How long the pool remembers an observation: the longest window, plus the orders that arrive out of order. */
    public static final Duration MEMORY = LONGEST_WINDOW.plus(OUT_OF_ORDER);
    /**
     * How many observations under one key (the latest) the pool view reads for an order, so that the work per
     * order stays bounded however busy a key is (a popular BIN, a mobile carrier's IP): counts stop at this.
     */
    public static final int READ_LIMIT = 50;

    private PoolView() {
    }

    /**
     * @param seen     what the pool remembers under each trait of the order, this order included
     * @param email    the e-mail's history before this order ({@link History#NONE} if never seen)
     */
    public static RiskSignals signals(final long nowMillis, final OrderFacts order, final Map<Trait, List<Observation>> seen,
                                      final RiskRules rules, final ShopBasket basket, final History email, final History card,
                                      final History address) {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        for (final CountRule rule : rules.counts()) {
            final List<Observation> underTrait = seen.getOrDefault(rule.signal().trait(), List.of());
            counts.put(rule.id(), count(rule.signal(), rule.window(), nowMillis, underTrait, order));
        }
        return new RiskSignals(nowMillis, counts, basket.usualMinor(), basket.samples(), email, card, address);
    }

    /** {@code signal} among {@code seen} (the observations under its trait) in the {@code window} before {@code nowMillis}. */
    public static int count(final Signal signal, final Duration window, final long nowMillis, final List<Observation> seen,
                            final OrderFacts order) {
        final long after = nowMillis - window.toMillis();
        final Stream<Observation> inWindow = seen.stream().filter(o -> o.atMillis() > after);
        return switch (signal.measure()) {
            case ORDERS -> distinct(inWindow, Observation::orderId);
            case DECLINES -> distinct(inWindow.filter(Observation::declined), Observation::orderId);
            case CARDS -> distinct(inWindow, Observation::cardFingerprint);
            case CARDS_OF_BIN -> order.cardBin() == null ? 0
                    : distinct(inWindow.filter(o -> order.cardBin().equals(o.cardBin())), Observation::cardFingerprint);
            case EMAILS -> distinct(inWindow, Observation::email);
            case NAMES -> (int) inWindow.flatMap(o -> o.holderNames().stream()).distinct().count();
            case SHOPS -> distinct(inWindow, Observation::shopId);
        };
    }

    private static int distinct(final Stream<Observation> observations, final Function<Observation, String> attribute) {
        return (int) observations.map(attribute).filter(Objects::nonNull).filter(v -> !v.isBlank()).distinct().count();
    }
}
