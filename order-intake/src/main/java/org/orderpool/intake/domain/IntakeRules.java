package org.orderpool.intake.domain;

import java.time.Duration;
import java.util.Set;
import org.orderpool.contracts.ShippingMethod;

/**
 * The limits order-intake applies, as data.
 *
 * @param shippingMethods   the shipping methods the pool offers at checkout
 * @param maxLines          most lines one order may have
 * @param maxQuantity       most units of one line (absurd quantities are refused, not reserved)
 * @param maxClockSkew      how far in the future a shop's placedAt may be, against the pool's clock
 * @param maxOrderAge       how long before its arrival an order may have been placed; it must stay shorter than the
 *                          deduplication retention, so that an honest retry of any order it lets in is still recognised
 */
public record IntakeRules(Set<ShippingMethod> shippingMethods, int maxLines, int maxQuantity, Duration maxClockSkew,
                          Duration maxOrderAge) {

    /** The default of {@code orderpool.intake.max-order-age}: 6 days, a day inside the default deduplication retention. */
    public static final Duration DEFAULT_MAX_ORDER_AGE = Duration.ofDays(6);

    public static IntakeRules defaults() {
        return new IntakeRules(Set.of(ShippingMethod.STANDARD, ShippingMethod.EXPRESS, ShippingMethod.PICKUP_POINT),
                100, 999, Duration.ofMinutes(15), DEFAULT_MAX_ORDER_AGE);
    }

    public IntakeRules withMaxOrderAge(final Duration maxAge) {
        return new IntakeRules(shippingMethods, maxLines, maxQuantity, maxClockSkew, maxAge);
    }
}
