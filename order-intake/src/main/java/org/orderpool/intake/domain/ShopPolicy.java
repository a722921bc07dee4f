package org.orderpool.intake.domain;

import java.time.Duration;
import org.orderpool.contracts.PaymentState;

/**
 * What a shop decides about its own orders at intake: which payment state lets an order through, and
 * how long an unpaid one may wait for its payment. The defaults live here and nowhere else.
 *
 * @param acceptAuthorized whether an order whose payment is only authorised (Shopify's {@code authorized}, not
 *                         yet captured) counts as paid; off by default, since an authorisation can still be voided
 * @param paymentTimeout   how long an order waits in AWAITING_PAYMENT for the platform's paid update before it
 *                         is cancelled ({@code intake.payment_timeout})
 * @param shippingNames    the shop's own names of its shipping rates and the pool's method of each
 */
public record ShopPolicy(boolean acceptAuthorized, Duration paymentTimeout, ShippingNames shippingNames) {

    /** How long an unpaid order waits by default: three days, a bank transfer's usual time. */
    public static final Duration DEFAULT_PAYMENT_TIMEOUT = Duration.ofHours(72);

    public ShopPolicy {
        if (paymentTimeout == null || paymentTimeout.isNegative() || paymentTimeout.isZero()) {
            throw new IllegalArgumentException("a shop's payment-timeout must be positive, was " + paymentTimeout);
        }
        shippingNames = shippingNames == null ? ShippingNames.none() : shippingNames;
    }

    /** A policy without shipping names of the shop's own. */
    public ShopPolicy(final boolean acceptAuthorized, final Duration paymentTimeout) {
        this(acceptAuthorized, paymentTimeout, ShippingNames.none());
    }

    public static ShopPolicy defaults() {
        return new ShopPolicy(false, DEFAULT_PAYMENT_TIMEOUT, ShippingNames.none());
    }

    public ShopPolicy withShippingNames(final ShippingNames names) {
        return new ShopPolicy(acceptAuthorized, paymentTimeout, names);
    }

    /**
     * Whether an order in this payment state may go on to be reserved: paid, or authorised for a shop that
     * accepts authorisations. No state at all (a sender that does not say, as every Kafka-native shop before
     * the field existed) counts as paid; an unknown or pending one never does.
     */
    public boolean countsAsPaid(final PaymentState state) {
        return state == null || state == PaymentState.PAID || state == PaymentState.AUTHORISED && acceptAuthorized;
    }
}
