package org.orderpool.shipping.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.orderpool.carrier.calendar.CutOffCalendar;

/**
 * The cut-offs of one carrier at one warehouse that have parcels booked on them, whether parcels wait
 * for the carrier to have a cut-off at all, and the last cut-off closed. It decides where a new parcel
 * goes and, as the clock moves, which cut-offs close and which move because ops changed the calendar.
 *
 * <ul>
 *   <li>A parcel goes on the first cut-off it can make with the packing lead time; never on a cut-off
 *       already closed (a late parcel rolls to the next one). A closed cut-off never opens again, and
 *       neither does any other cut-off in its minute, since the minute names the manifest.</li>
 *   <li>A cut-off closes once its time has come, however late the clock reaches it (after a downtime
 *       the overdue cut-offs close one by one, oldest first, each with its own manifest).</li>
 *   <li>A cut-off the calendar no longer has (ops moved or cancelled it) moves its parcels to the first
 *       cut-off the calendar now has from the earlier of the old time and now: moved later, the
 *       parcels wait for it; moved earlier, they leave at the new time, or on the next cut-off when the
 *       new time had already passed when the change was seen.</li>
 *   <li>A paused carrier (a calendar with no cut-off ahead) books nothing: new parcels, and those of a
 *       cut-off it no longer has, wait; once it has cut-offs again they all go on its first one they
 *       can make with the lead time.</li>
 * </ul>
 *
 * <p>It holds no parcels, only cut-offs: the caller keeps the parcels and applies the decisions.
 */
public final class CarrierSlots {

    /** The state to keep between events. {@code waiting} is absent (false) in snapshots written before it existed. */
    public record Snapshot(List<Long> pendingCutOffs, Long lastClosedCutOff, boolean waiting) {
    }

    /** What the clock brought for the booked cut-offs and the waiting parcels. */
    public sealed interface Decision {

        /** The cut-off's time has come: issue its manifest. */
        record Close(Instant cutOff) implements Decision {
        }

        /** The calendar no longer has this cut-off: its parcels go on {@code to}. */
        record Move(Instant cutOff, Instant to) implements Decision {
        }

        /** The calendar no longer has this cut-off and has none to move to (the carrier is paused): its parcels wait. */
        record Wait(Instant cutOff) implements Decision {
        }

        /** The carrier has a cut-off again: the waiting parcels go on {@code to}. */
        record Resume(Instant to) implements Decision {
        }
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final TreeSet<Instant> pending = new TreeSet<>();
    private Instant lastClosed;
    private boolean waiting;

    public static CarrierSlots empty() {
        return new CarrierSlots();
    }

    public static CarrierSlots restore(final Snapshot snapshot) {
        final CarrierSlots slots = new CarrierSlots();
        snapshot.pendingCutOffs().forEach(millis -> slots.pending.add(Instant.ofEpochMilli(millis)));
        slots.lastClosed = snapshot.lastClosedCutOff() == null ? null : Instant.ofEpochMilli(snapshot.lastClosedCutOff());
        slots.waiting = snapshot.waiting();
        return slots;
    }

    public Snapshot snapshot() {
        final Long closed = lastClosed == null ? null : lastClosed.toEpochMilli();
        return new Snapshot(pending.stream().map(Instant::toEpochMilli).toList(), closed, waiting);
    }

    /**
     * Books a parcel ready now on the first cut-off it can make, and returns that cut-off; empty when
     * the carrier has none ahead (paused): the parcel waits.
     */
    public Optional<Instant> book(final Instant now, final CutOffCalendar calendar) {
        final Optional<Instant> cutOff = open(calendar.nextCutOff(now), calendar);
        cutOff.ifPresentOrElse(pending::add, () -> waiting = true);
        return cutOff;
    }

    /** A parcel for a carrier whose calendar is unknown: it waits for one. */
    public void await() {
        waiting = true;
    }

    /**
     * What is due at {@code now}: moves and waits first, then the resumption of waiting parcels, then
     * the closes, oldest first. Closed cut-offs leave the booked set; moved ones are booked at their new time.
     */
    public List<Decision> review(final Instant now, final CutOffCalendar calendar) {
        final List<Decision> decisions = new ArrayList<>();
        for (final Instant cutOff : new ArrayList<>(pending)) {
            if (!calendar.isCutOff(cutOff) || isClosed(cutOff)) {
                final Instant from = (cutOff.isBefore(now) ? cutOff : now).minusMillis(1);
                final Optional<Instant> to = open(calendar.firstCutOffAfter(from), calendar);
                pending.remove(cutOff);
                if (to.isPresent()) {
                    pending.add(to.get());
                    decisions.add(new Decision.Move(cutOff, to.get()));
                } else {
                    waiting = true;
                    decisions.add(new Decision.Wait(cutOff));
                }
            }
        }
        if (waiting) {
            final Optional<Instant> to = open(calendar.nextCutOff(now), calendar);
            if (to.isPresent()) {
                waiting = false;
                pending.add(to.get());
                decisions.add(new Decision.Resume(to.get()));
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

    /** Whether there is anything to review: booked cut-offs or waiting parcels. */
    public boolean hasPending() {
        return !pending.isEmpty() || waiting;
    }

    /** {@code candidate}, or the first cut-off after the last closed minute when the candidate's minute is closed. */
    private Optional<Instant> open(final Optional<Instant> candidate, final CutOffCalendar calendar) {
        if (candidate.isEmpty() || !isClosed(candidate.get())) {
            return candidate;
        }
        return calendar.firstCutOffAfter(ManifestIds.slotOf(lastClosed).plus(MINUTE).minusMillis(1));
    }

    private boolean isClosed(final Instant cutOff) {
        return lastClosed != null && !ManifestIds.slotOf(cutOff).isAfter(ManifestIds.slotOf(lastClosed));
    }
}
