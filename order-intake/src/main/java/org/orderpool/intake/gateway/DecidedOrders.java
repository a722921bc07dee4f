package org.orderpool.intake.gateway;

import org.orderpool.intake.domain.IntakeState;

/** What order-intake remembers of an order, as far as this instance can tell. */
@FunctionalInterface
public interface DecidedOrders {

    /** How much this instance can tell about one order id. */
    enum Knowledge {
        /** This instance runs the task that owns the order id, and that task holds nothing about it. */
        UNKNOWN,
        /** Another instance owns the order id, or the streams are not running: nothing can be said. */
        CANNOT_TELL,
        /** The owning task, run here, remembers the order in {@link Lookup#state()}. */
        KNOWN
    }

    /** The answer for one order id; {@code state} is set when it is KNOWN. */
    record Lookup(Knowledge knowledge, IntakeState state) {

        public static final Lookup UNKNOWN = new Lookup(Knowledge.UNKNOWN, null);
        public static final Lookup CANNOT_TELL = new Lookup(Knowledge.CANNOT_TELL, null);

        public static Lookup known(final IntakeState state) {
            return new Lookup(Knowledge.KNOWN, state);
        }
    }

    Lookup lookup(String orderId);

    default boolean wasDecided(final String orderId) {
        return lookup(orderId).knowledge() == Knowledge.KNOWN;
    }

    DecidedOrders NONE = orderId -> Lookup.CANNOT_TELL;
}
