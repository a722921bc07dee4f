package org.orderpool.shipping.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The cut-offs of one carrier at one warehouse that have parcels booked on them, and the last one
 * closed. It decides where a new parcel goes and, as the clock moves, which cut-offs close and which
 * move because ops changed the calendar.
 *
 * <ul>
 *   <li>A parcel goes on the first cut-off it can make with the packing lead time; never on a cut-off
 *       already closed (a late parcel rolls to the next one).</li>
 *   <li>A cut-off closes once its time has come, however late the clock reaches it (after a downtime
 *       the overdue cut-offs close one by one, oldest first, each with its own manifest).</li>
 *   <li>A cut-off the calendar no longer has (ops moved or cancelled it) moves its parcels to the first
 *       cut-off the calendar now has from the earlier of the old time and now: moved later, the
 *       parcels wait for it; moved earlier, they leave at the new time, or on the next cut-off when the
 *       new time had already passed when the change was seen.</li>
 * </ul>
 */
public final class CarrierSlots {

    /** The state to keep between events. */
    public record Snapshot(List<Long> pendingCutOffs, Long lastClosedCutOff) {
    }

    /** What the clock brought for one booked cut-off. */
    public sealed interface Decision {
        Instant cutOff();

        /** The cut-off's time has come: issue its manifest. */
        record Close(Instant cutOff) implements Decision {
        }

        /** The calendar no longer has this cut-off: its parcels go on {@code to}. */
        record Move(Instant cutOff, Instant to) implements Decision {
        }
    }

    private final TreeSet<Instant> pending = new TreeSet<>();
    private Instant lastClosed;

    public static CarrierSlots empty() {
        return new CarrierSlots();
    }

    public static CarrierSlots restore(final Snapshot snapshot) {
        final CarrierSlots slots = new CarrierSlots();
        snapshot.pendingCutOffs().forEach(millis -> slots.pending.add(Instant.ofEpochMilli(millis)));
        slots.lastClosed = snapshot.lastClosedCutOff() == null ? null : Instant.ofEpochMilli(snapshot.lastClosedCutOff());
        return slots;
    }

    public Snapshot snapshot() {
        return new Snapshot(pending.stream().map(Instant::toEpochMilli).toList(), lastClosed == null ? null : lastClosed.toEpochMilli());
    }

    /** Books a parcel ready now on the first cut-off it can make, and returns that cut-off. */
    public Instant book(final Instant now, final CutOffCalendar calendar) {
        Instant cutOff = calendar.nextCutOff(now);
        if (lastClosed != null && !cutOff.isAfter(lastClosed)) {
            cutOff = calendar.firstCutOffAfter(lastClosed);
        }
        pending.add(cutOff);
        return cutOff;
    }

    /** Keeps a cut-off booked as it is, for parcels of a carrier whose calendar is gone: they wait for it to come back. */
    public Instant keep(final Instant cutOff) {
        pending.add(cutOff);
        return cutOff;
    }

    /**
     * What is due at {@code now}, oldest first. Closed cut-offs leave the booked set; moved ones are
     * booked at their new time.
     */
    public List<Decision> review(final Instant now, final CutOffCalendar calendar) {
        final List<Decision> decisions = new ArrayList<>();
        for (final Instant cutOff : new ArrayList<>(pending)) {
            if (!calendar.isCutOff(cutOff)) {
                Instant to = calendar.firstCutOffAfter((cutOff.isBefore(now) ? cutOff : now).minusMillis(1));
                if (lastClosed != null && !to.isAfter(lastClosed)) {
                    to = calendar.firstCutOffAfter(lastClosed);
                }
                pending.remove(cutOff);
                pending.add(to);
                decisions.add(new Decision.Move(cutOff, to));
            }
        }
        for (final Instant cutOff : new ArrayList<>(pending)) {
            if (cutOff.isAfter(now)) {
                break;
            }
            pending.remove(cutOff);
            lastClosed = lastClosed == null || cutOff.isAfter(lastClosed) ? cutOff : lastClosed;
            decisions.add(new Decision.Close(cutOff));
        }
        return decisions;
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }
}
