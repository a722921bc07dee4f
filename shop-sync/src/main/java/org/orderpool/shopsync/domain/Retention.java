package org.orderpool.shopsync.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When shop-sync forgets an order: {@code afterTerminal} after it reached a terminal status, or
 * {@code idle} after its last visible change if it never does (an order stuck in review, or one whose
 * statuses shop-sync never saw). Both bound the state stores.
 */
public record Retention(Duration afterTerminal, Duration idle) {

    public Instant forgetAt(final OrderView view) {
        return view.terminalAt() != null ? view.terminalAt().plus(afterTerminal) : view.updatedAt().plus(idle);
    }
}
