package org.orderpool.shipping.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the changes the calendar store's updater made (the global thread writes, every stream thread's views read),
 * so a {@link CalendarView} reads the store again only when it changed, not for every order.
 */
final class CalendarChanges {

    private final AtomicLong count = new AtomicLong();

    /** After a calendar was put in the store or removed from it. */
    void changed() {
        count.incrementAndGet();
    }

    long count() {
        return count.get();
    }
}
