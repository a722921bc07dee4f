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
 */
public record IntakeRules(Set<ShippingMethod> shippingMethods, int maxLines, int maxQuantity, Duration maxClockSkew) {

    public static IntakeRules defaults() {
        return new IntakeRules(Set.of(ShippingMethod.STANDARD, ShippingMethod.EXPRESS, ShippingMethod.PICKUP_POINT),
                100, 999, Duration.ofMinutes(15));
    }
}
