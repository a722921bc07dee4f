package org.orderpool.fraud.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Turns what the pool remembers (the observations of the last 24 hours under the order's card,
 * e-mail, IP and shipping address, this order included) into the signals the rules weigh.
 */
public final class PoolView {

    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration DAY = Duration.ofDays(1);
    /** How far out of acceptance order the orders of several partitions may reach the pool view and still count. */
    public static final Duration OUT_OF_ORDER = Duration.ofHours(1);
    /** How long the pool remembers an observation: the longest window, plus the orders that arrive out of order. */
    public static final Duration MEMORY = DAY.plus(OUT_OF_ORDER);

    private PoolView() {
    }

    public static RiskSignals signals(final long nowMillis, final List<Observation> byCard, final List<Observation> byEmail,
                                      final List<Observation> byIp, final List<Observation> byAddress, final ShopBasket basket,
                                      final boolean firstSeenCustomer) {
        return new RiskSignals(
                within(byCard, nowMillis, HOUR), within(byCard, nowMillis, DAY),
                (int) byCard.stream().filter(o -> o.atMillis() > nowMillis - DAY.toMillis() && o.declined()).count(),
                within(byEmail, nowMillis, HOUR), within(byIp, nowMillis, HOUR), within(byAddress, nowMillis, DAY),
                distinct(byEmail, nowMillis, Observation::cardFingerprint), distinct(byCard, nowMillis, Observation::email),
                distinct(byCard, nowMillis, Observation::shopId),
                basket.usualMinor(), basket.samples(), firstSeenCustomer);
    }

    private static int within(final List<Observation> observations, final long now, final Duration window) {
        return (int) observations.stream().filter(o -> o.atMillis() > now - window.toMillis()).map(Observation::orderId).distinct().count();
    }

    private static int distinct(final List<Observation> observations, final long now,
                                final java.util.function.Function<Observation, String> attribute) {
        return (int) observations.stream().filter(o -> o.atMillis() > now - DAY.toMillis()).map(attribute)
                .filter(Objects::nonNull).distinct().count();
    }
}
