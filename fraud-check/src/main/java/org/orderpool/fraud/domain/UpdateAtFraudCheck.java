package org.orderpool.fraud.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What fraud-check does with a shop's update of an order, by where the order stands at fraud-check. It answers
 * (REFUSED) only an order it blocked: nobody downstream ever sees that order. An update of an order in review waits
 * with the review, {@link #MAX_HELD} at most, and is refused when the order is blocked (forgotten when it is
 * cleared: stock-reservation answers it then). One that comes before fraud-check has assessed the order waits for
 * it (a window store, the decided retention) and is then treated as if it came after. An update of a cleared order is
 * stock-reservation's, and one that changes nothing fulfilment sees is answered by nobody.
 */
public final class UpdateAtFraudCheck {

    /** How many updates of one order in review are kept for its verdict; an older one beyond is dropped unanswered. */
    public static final int MAX_HELD = 16;
    public static final String REFUSED_BLOCKED = "fraud.update_order_blocked";

    private UpdateAtFraudCheck() {
    }

    /** Where the order stands at fraud-check when its update comes. */
    public enum Standing { NOT_ASSESSED_YET, CLEARED, IN_REVIEW, BLOCKED }

    public enum Action {
        /** Not fraud-check's to answer. */
        NONE,
        /** Kept until fraud-check has assessed the order (its changes are known only then). */
        WAIT,
        /** Kept with the review until the verdict. */
        HOLD,
        /** Answered REFUSED now: the order was blocked. */
        REFUSE
    }

    /** An update waiting for a review's verdict: its id and what it changes against the version under review. */
    public record Held(String updateId, List<String> changes) {
        public Held {
            changes = List.copyOf(changes);
        }
    }

    public static Action actionFor(final Standing standing, final List<String> changes) {
        if (standing == Standing.NOT_ASSESSED_YET) {
            return Action.WAIT;
        }
        if (changes.isEmpty()) {
            return Action.NONE;
        }
        return switch (standing) {
            case BLOCKED -> Action.REFUSE;
            case IN_REVIEW -> Action.HOLD;
            case CLEARED, NOT_ASSESSED_YET -> Action.NONE;
        };
    }

    /**
     * {@code held} with {@code next}: the same update again is kept once (in its place), and beyond {@link #MAX_HELD}
     * the oldest is dropped. {@code held} may be null (a review stored before updates were kept).
     */
    public static List<Held> hold(final List<Held> held, final Held next) {
        final List<Held> kept = new ArrayList<>(held == null ? List.of() : held);
        if (kept.stream().anyMatch(h -> h.updateId().equals(next.updateId()))) {
            return List.copyOf(kept);
        }
        kept.add(next);
        while (kept.size() > MAX_HELD) {
            kept.remove(0);
        }
        return List.copyOf(kept);
    }

    /** The reason the shop reads with the refusal. */
    public static String refusalReason(final List<String> changes, final boolean cameInReview) {
        return "update refused: the order was blocked by fraud-check" + (cameInReview ? " after the review it was in when the update came" : "")
                + "; it is not fulfilled, nothing changes (" + String.join(", ", changes) + ")";
    }
}
