package org.orderpool.intake.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What order-intake remembers of one order id, stored as a short text in its deduplication store (whose
 * entries before the payment gate were the bare words {@code ACCEPTED} and {@code REJECTED}, which read
 * as those phases still). An order waiting for payment also keeps when its payment is due and the shop
 * and ref its cancellation will name; both are printable text (the order was valid), so a tab separates them.
 *
 * @param payBy        when an order AWAITING_PAYMENT is cancelled unpaid; null in every other phase
 * @param shopId       the shop of an order AWAITING_PAYMENT; null in every other phase
 * @param shopOrderRef the ref of an order AWAITING_PAYMENT; null in every other phase
 */
public record IntakeState(Phase phase, Instant payBy, String shopId, String shopOrderRef) {

    /** Where an order stands at intake. */
    public enum Phase {
        /** Valid, not paid yet: held at intake, nothing downstream knows it. */
        AWAITING_PAYMENT,
        /** Passed on to fraud-check: from here on the services downstream own it. */
        ACCEPTED,
        /** Refused with its reasons; terminal. */
        REJECTED,
        /** Cancelled at intake while it waited for payment; terminal. */
        CANCELLED,
        /** A cancellation came before any version of the order: the order, if it comes, is cancelled at once. */
        CANCELLATION_FIRST;

        /** Whether the order's lifecycle ended at intake or left it: no later version changes it. */
        public boolean isSettled() {
            return this == ACCEPTED || this == REJECTED || this == CANCELLED;
        }
    }

    private static final String SEPARATOR = "\t";

    public IntakeState {
        Objects.requireNonNull(phase, "phase");
        if (phase == Phase.AWAITING_PAYMENT && (payBy == null || shopId == null || shopOrderRef == null)) {
            throw new IllegalArgumentException("an order awaiting payment needs its due time, shop and ref");
        }
    }

    public static IntakeState of(final Phase phase) {
        return new IntakeState(phase, null, null, null);
    }

    public static IntakeState awaitingPayment(final Instant payBy, final String shopId, final String shopOrderRef) {
        return new IntakeState(Phase.AWAITING_PAYMENT, payBy, shopId, shopOrderRef);
    }

    public String encode() {
        return phase != Phase.AWAITING_PAYMENT ? phase.name()
                : String.join(SEPARATOR, phase.name(), Long.toString(payBy.toEpochMilli()), shopId, shopOrderRef);
    }

    /** The state a stored text names; {@link IllegalArgumentException} naming the text when it names none. */
    public static IntakeState decode(final String text) {
        final String[] parts = text.split(SEPARATOR, 4);
        try {
            final Phase phase = Phase.valueOf(parts[0]);
            if (phase != Phase.AWAITING_PAYMENT) {
                return of(phase);
            }
            return awaitingPayment(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2], parts[3]);
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is no intake state", e);
        }
    }
}
